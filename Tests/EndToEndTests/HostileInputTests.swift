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

    /// Anyone with this machine's public key can write a credential file: the env var names come from
    /// the spec, so a file that maps an option to BASH_ENV sets nothing of the kind.
    @Test func aStoredFileCannotChooseTheVariablesExecSets() throws {
        let fixture = StoreFixture()
        try fixture.sealWithAge(#"{"format":1,"connector":"acme","auth_method":"api_key","options":{"api_key":"/tmp/evil.sh","region":"eu"},"secret_options":["api_key"],"env_vars":{"api_key":"BASH_ENV","region":"PATH"},"saved_at":"2025-06-15T15:06:40Z","probe":null}"#,
                                connector: "acme")
        let result = try fixture.lakeflowAuth(["exec", "acme", "--", "/bin/sh", "-c", #"printf '%s|%s|%s' "${BASH_ENV-unset}" "$ACME_API_KEY" "$ACME_REGION""#])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "unset|/tmp/evil.sh|eu")
        #expect(result.stderr.contains("the stored file gives option \"api_key\" env var BASH_ENV; the spec's ACME_API_KEY is set instead"))
        #expect(result.stderr.contains("the stored file gives option \"region\" env var PATH; the spec's ACME_REGION is set instead"))
        let exported = try fixture.lakeflowAuth(["export", "acme", "--format", "env"])
        #expect(exported.stdout == "ACME_API_KEY='/tmp/evil.sh'\nACME_REGION='eu'\n")
    }

    /// Without a spec the names are derived inside the connector's own prefix, and a derived name that
    /// is reserved anyway (`ld` and `preload`) is refused with nothing run.
    @Test func withoutASpecNamesAreDerivedAndAReservedOneIsRefused() throws {
        let fixture = StoreFixture()
        try fixture.sealWithAge(#"{"format":1,"connector":"zeta","auth_method":null,"options":{"key":"z-1"},"env_vars":{"key":"BASH_ENV"},"saved_at":"2025-06-15T15:06:40Z","probe":null}"#,
                                connector: "zeta")
        let derived = try fixture.lakeflowAuth(["exec", "zeta", "--", "/bin/sh", "-c", #"printf '%s|%s' "${BASH_ENV-unset}" "$ZETA_KEY""#])
        #expect(derived.status == 0, "\(derived.stderr)")
        #expect(derived.stdout == "unset|z-1")
        #expect(derived.stderr.contains("no spec of zeta is found here, so each option's env var is ZETA_<OPTION>"))

        try fixture.sealWithAge(#"{"format":1,"connector":"ld","auth_method":null,"options":{"preload":"/tmp/evil.so"},"saved_at":"2025-06-15T15:06:40Z","probe":null}"#,
                                connector: "ld")
        for arguments in [["exec", "ld", "--", "/bin/sh", "-c", "echo ran"], ["export", "ld", "--format", "env"]] {
            let refused = try fixture.lakeflowAuth(arguments)
            #expect(refused.status == 5, "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("option \"preload\" of the stored ld credentials would set LD_PRELOAD, which no option may set"),
                    "\(refused.stderr)")
        }
    }

    /// A spec may read a variable outside its connector's own, a CI's GITHUB_TOKEN say: it is said
    /// when --from-env reads it. LAKEFLOW_AUTH_PASSPHRASE it may not read at all.
    @Test func aSpecReadingAnotherConnectorsVariableIsSaidAndTheToolsOwnIsRefused() throws {
        let fixture = StoreFixture()
        let specs = fixture.folder + "/specs"
        try FileManager.default.createDirectory(atPath: specs + "/beta", withIntermediateDirectories: true)
        try "options:\n  - name: token\n    secret: true\n    env: GITHUB_TOKEN\n".write(toFile: specs + "/beta/options.yaml", atomically: true, encoding: .utf8)
        let read = try fixture.lakeflowAuth(["beta", "--from-env", "--no-probe"], environment: ["LAKEFLOW_AUTH_SPECS": specs, "GITHUB_TOKEN": "ghp-1"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("lakeflow-auth: note: option \"token\" is read from GITHUB_TOKEN, not one of beta's own BETA_ variables: the spec names it"),
                "\(read.stderr)")

        try "options:\n  - name: key\n    secret: true\n    env: LAKEFLOW_AUTH_PASSPHRASE\n".write(toFile: specs + "/beta/options.yaml", atomically: true, encoding: .utf8)
        let refused = try fixture.lakeflowAuth(["beta", "--from-env", "--no-probe"],
                                               environment: ["LAKEFLOW_AUTH_SPECS": specs, "LAKEFLOW_AUTH_PASSPHRASE": "correct horse"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("options.yaml:4:10: option \"key\" has env var LAKEFLOW_AUTH_PASSPHRASE, which no option may have"),
                "\(refused.stderr)")
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
        #expect(result.status == 5)
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

    /// `secert` and `requried` would leave an option neither secret nor required, and say nothing.
    @Test func aMisspeltKeyInsideAParameterIsAWarningThenAnError() throws {
        let (folder, path) = try Self.specFile("""
            connection:
              parameters:
                - name: region
                  requried: true
              auth_methods:
                - name: key
                  parameters:
                    - name: api_key
                      secert: true

            """)
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let inspect = try LakeflowAuthProcess.run(["spec", "inspect", path, "--json"])
        #expect(inspect.status == 0)
        #expect(inspect.stderr.contains("lakeflow-auth: warning: \(path):4:7: parameter \"region\" has unknown key \"requried\"; did you mean \"required\"?"),
                "\(inspect.stderr)")
        #expect(inspect.stderr.contains("lakeflow-auth: warning: \(path):9:11: parameter \"api_key\" has unknown key \"secert\"; did you mean \"secret\"?"),
                "\(inspect.stderr)")
        let strict = try LakeflowAuthProcess.run(["spec", "inspect", path, "--strict"])
        #expect(strict.status == 2)
        #expect(strict.stderr.hasPrefix("lakeflow-auth: error: \(path):4:7: parameter \"region\" has unknown key \"requried\""), "\(strict.stderr)")
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
