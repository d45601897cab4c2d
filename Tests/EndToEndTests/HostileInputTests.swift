import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// What an attack on the tool found, each checked on the real binary: secrets that could leave,
/// store boundaries, specs that look valid and are not.
@Suite(.timeLimit(.minutes(2)))
struct HostileInputTests {
    static let valid = ["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001"]

    @Test func loopbackProbesNeverGoThroughAProxy() async throws {
        let proxy = AcmeSandboxServer(configuration: .demo)
        let proxyURL = try await proxy.start()
        try await HeadlessRun.withSandbox { run, server, url in
            var environment = Self.valid.merging(["ACME_BASE_URL": url.absoluteString]) { $1 }
            for name in ["http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy"] { environment[name] = proxyURL.absoluteString }
            let result = try run.run(["acme", "--from-env"], environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(await server.requestCount == 1)
            #expect(await proxy.requestCount == 0, "the bearer token went to the proxy")
        }
        await proxy.stop()
    }

    /// By index: a test's name with a CR in it would garble the test log.
    static let injections = ["tok\r\nX-Injected: yes", "tok\nX-Injected: yes", "tok\u{7}x"]

    @Test(arguments: injections.indices)
    func aValueThatWouldAddAHeaderIsRefusedBeforeAnythingIsSent(injection: Int) async throws {
        let key = Self.injections[injection]
        try await HeadlessRun.withSandbox { run, server, url in
            let result = try run.run(["acme", "--from-env"], ["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": key,
                                                              "ACME_BASE_URL": url.absoluteString])
            #expect(result.status == 2)
            #expect(result.stderr.contains("ACME_API_KEY must not contain control characters"), "\(result.stderr)")
            #expect(await server.requestCount == 0)
        }
    }

    @Test func execDoesNotHandThePassphraseToTheCommand() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            let protected = ["LAKEFLOW_AUTH_PASSPHRASE": "correct horse battery"]
            let saved = try run.run(["acme", "--from-env", "--no-probe"],
                                    Self.valid.merging(protected) { $1 }.merging(["ACME_BASE_URL": url.absoluteString]) { $1 })
            #expect(saved.status == 0, "\(saved.stderr)")
            let result = try run.run(["exec", "acme", "--", "sh", "-c", "echo \"${LAKEFLOW_AUTH_PASSPHRASE-unset} $ACME_API_KEY\""], protected)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "unset acme-demo-key-0001\n")
        }
    }

    @Test func showMasksAPasswordInsideAURL() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            let withPassword = url.absoluteString.replacingOccurrences(of: "http://", with: "http://ops:pw-7f3a9c21d@")
            let saved = try run.run(["acme", "--from-env", "--no-probe"], Self.valid.merging(["ACME_BASE_URL": withPassword]) { $1 })
            #expect(saved.status == 0, "\(saved.stderr)")
            for arguments in [["show", "acme"], ["show", "acme", "--json"]] {
                let shown = try run.run(arguments, [:])
                #expect(shown.stdout.contains("http://ops:••••••••@127.0.0.1"), "\(shown.stdout)")
                #expect(!shown.stdout.contains("pw-7f3a9c21d"))
            }
        }
    }

    @Test func showAsksTheSpecWhichOptionsAreSecretWhenTheFileDoesNotSay() throws {
        let fixture = StoreFixture()
        try fixture.sealWithAge(#"{"format":1,"connector":"acme","auth_method":"api_key","options":{"workspace":"demo-workspace","api_key":"acme-demo-key-0001"},"saved_at":"2025-06-15T15:06:40Z","probe":null}"#,
                                connector: "acme")
        let shown = try fixture.run(try LakeflowAuthProcess.builtBinary().path, ["show", "acme"], environment: fixture.environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("  workspace: demo-workspace\n"))
        #expect(shown.stdout.contains("  api_key: ••••••••\n"))
    }

    @Test func removingWithoutAnyStoreIsNothingStored() throws {
        let fixture = StoreFixture()
        let result = try fixture.lakeflowAuth(["rm", "acme"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: no stored credentials for \"acme\"\n"))
    }

    @Test func anEnvFileThatIsAFIFOOrAFolderIsRefused() throws {
        let fixture = StoreFixture()
        let fifo = fixture.folder + "/values.env"
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, fixture.folder] {
            let result = try LakeflowAuthProcess.run(["acme", "--from-env", "--env-file", path, "--no-probe"],
                                                     environment: ["LAKEFLOW_AUTH_HOME": fixture.home], timeout: 20)
            #expect(!result.timedOut)
            #expect(result.status == 2)
            #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
        }
    }

    @Test func aLostIdentityStopsEveryCommandUntilANewOneIsAskedFor() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            #expect(try run.run(["acme", "--from-env", "--no-probe"], Self.valid.merging(["ACME_BASE_URL": url.absoluteString]) { $1 }).status == 0)
            unlink(run.home + "/identity.txt")
            for arguments in [["list"], ["show", "acme"], ["export", "acme"], ["identity"]] {
                let result = try run.run(arguments, [:])
                #expect(result.status == 5, "\(arguments)")
                #expect(result.stderr.contains("the identity file is missing, but 1 stored credential file was encrypted to it"))
                #expect(result.stderr.contains("lakeflow-auth identity --new"))
            }
            #expect(!FileManager.default.fileExists(atPath: run.home + "/identity.txt"))
            let new = try run.run(["identity", "--new"], [:])
            #expect(new.status == 0 && new.stdout.hasPrefix("age1"), "\(new.stderr)")
            #expect(try run.run(["identity", "--new"], [:]).status == 2)
        }
    }

    @Test func aStoreFolderOthersCanWriteIsRefusedWithTheFix() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            #expect(try run.run(["acme", "--from-env", "--no-probe"], Self.valid.merging(["ACME_BASE_URL": url.absoluteString]) { $1 }).status == 0)
            chmod(run.home + "/credentials", 0o777)
            let result = try run.run(["export", "acme"], [:])
            #expect(result.status == 5)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("lakeflow-auth: hint: chmod 700 \(run.home)/credentials\n"))
        }
    }

    @Test func aConnectorNamedLikeASubcommandIsToldHowToSetItUp() throws {
        let result = try LakeflowAuthProcess.run(["list", "--from-env"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("lakeflow-auth: hint: to set up a connector named list, run `lakeflow-auth wizard list`"))
        let shown = try LakeflowAuthProcess.run(["show", "list"], environment: ["LAKEFLOW_AUTH_HOME": StoreFixture().home])
        #expect(shown.stderr.contains("run `lakeflow-auth wizard list` to set it up"))
        let ownMistake = try LakeflowAuthProcess.run(["connection", "create", "acme", "bad name"])
        #expect(ownMistake.status == 2)
        #expect(!ownMistake.stderr.contains("to set up a connector named"), "a subcommand's own mistake is not a connector's name")
    }

    private static func specFile(_ text: String, name: String = "connector_spec.yaml") throws -> (folder: String, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)/acme").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    @Test(arguments: ["conection", "c\u{0441}nnection"])
    func aMisspeltConnectionIsAWarningThenAnErrorNotAnEmptySave(key: String) throws {
        let (folder, path) = try Self.specFile("display_name: Acme\n\(key):\n  parameters:\n    - name: api_key\n      secret: true\n")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let inspect = try LakeflowAuthProcess.run(["spec", "inspect", path, "--json"])
        #expect(inspect.status == 0)
        #expect(inspect.stderr.contains("lakeflow-auth: warning: \(path):2:1: the spec has unknown key"))
        #expect(inspect.stderr.contains("did you mean \"connection\"?"))
        let strict = try LakeflowAuthProcess.run(["spec", "inspect", path, "--strict"])
        #expect(strict.status == 2)
        #expect(strict.stderr.hasPrefix("lakeflow-auth: error: \(path):2:1: the spec has unknown key"))
        let home = StoreFixture()
        let setup = try LakeflowAuthProcess.run(["acme", "--from-env", "--no-probe", "--spec", path],
                                                environment: ["LAKEFLOW_AUTH_HOME": home.home, "ACME_API_KEY": "k"])
        #expect(setup.status == 2)
        #expect(setup.stderr.contains("the spec declares no options, so there is nothing to set up"))
        #expect(!FileManager.default.fileExists(atPath: home.credentials + "/acme.age"))
    }

    @Test func aBacktrackingPatternCannotHangTheTool() throws {
        let (folder, path) = try Self.specFile("""
            options:
              - name: name
                required: true
                pattern: '^(a+)+$'
            """, name: "options.yaml")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let clock = ContinuousClock()
        let start = clock.now
        let home = StoreFixture()
        let result = try LakeflowAuthProcess.run(["acme", "--from-env", "--no-probe", "--spec", path],
                                                 environment: ["LAKEFLOW_AUTH_HOME": home.home,
                                                               "ACME_NAME": String(repeating: "a", count: 4000) + "!"], timeout: 20)
        #expect(clock.now - start < .seconds(10))
        #expect(result.status == 2)
        #expect(result.stderr.contains("ACME_NAME must match ^(a+)+$"), "\(result.stderr)")
    }

    @Test func aHugeOptionNameGivesAShortMessage() throws {
        let (folder, path) = try Self.specFile("connection:\n  parameters:\n    - name: \(String(repeating: "x", count: 1 << 20))\n")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let result = try LakeflowAuthProcess.run(["spec", "inspect", path])
        #expect(result.status == 2)
        #expect(result.stderr.utf8.count < 1000, "\(result.stderr.utf8.count) bytes of stderr")
    }

    @Test func inspectJSONEscapesBidiControls() throws {
        let (folder, path) = try Self.specFile("display_name: \"Acme \\u202Egnp.exe\"\nconnection:\n  parameters:\n    - name: k\n")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let result = try LakeflowAuthProcess.run(["spec", "inspect", path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.unicodeScalars.contains("\u{202E}"))
        #expect(result.stdout.contains(#"Acme \u202egnp.exe"#))
    }
}
