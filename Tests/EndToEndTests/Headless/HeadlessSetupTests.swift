import AcmeSandbox
import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// `lakeflow-auth acme --from-env`, the real binary against the Acme sandbox on 127.0.0.1.
@Suite(.timeLimit(.minutes(2)))
struct HeadlessSetupTests {
    static let key = "acme-demo-key-0001"

    func acme(_ url: URL, _ extra: [String: String] = [:]) -> [String: String] {
        ["ACME_WORKSPACE": "demo-workspace", "ACME_BASE_URL": url.absoluteString].merging(extra) { $1 }
    }

    @Test func apiKeyConnectsSavesAndSaysWhoInOneLine() async throws {
        try await HeadlessRun.withSandbox { run, server, url in
            let result = try run.run(["acme", "--from-env"], acme(url, ["ACME_API_KEY": Self.key]))
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(result.stdout.contains("connected to Acme as Demo Analyst (HTTP 200, "))
            #expect(result.stdout.contains(" ms); saved to \(run.storedPath)"))
            #expect(!result.stdout.contains(Self.key) && !result.stderr.contains(Self.key))
            let stored = try run.store.open("acme")
            #expect(stored.authMethod == "api_key")
            #expect(JSONValue.object(stored.options) == .object([
                ("api_key", .string(Self.key)), ("workspace", .string("demo-workspace")),
                ("base_url", .string(url.absoluteString)), ("region", .string("us")),
            ]))
            #expect(stored.probe?.ok == true && stored.probe?.status == 200 && stored.probe?.identity == "Demo Analyst")
            #expect(await server.requestCount == 1)
        }
    }

    @Test func theFirstSaveSaysOnceWhatTheIdentityIs() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            let first = try run.run(["acme", "--from-env", "--no-probe"], acme(url, ["ACME_API_KEY": Self.key]))
            #expect(first.status == 0, "\(first.stderr)")
            let home = StoreLocation(home: run.home)
            #expect(first.stderr == """
                lakeflow-auth: created \(home.identityPath), this machine's identity: every credential stored here is encrypted to it, \
                and losing it loses them all
                lakeflow-auth: hint: back it up now, where only you can read it (a password manager, an encrypted disk)
                lakeflow-auth: hint: or add a second recipient: the public key of an age identity kept elsewhere \
                (`age-keygen -o backup.txt` prints one) on a line of \(home.recipientsPath); what is saved after that opens with either key

                """)
            #expect(first.stdout == "saved unverified (--no-probe) to \(run.storedPath)\n", "stdout keeps its one line")
            let again = try run.run(["acme", "--from-env", "--no-probe"], acme(url, ["ACME_API_KEY": Self.key]))
            #expect(again.status == 0)
            #expect(again.stderr.isEmpty, "said once")
        }
    }

    @Test func anIdentityMadeBeforeIsNamedWithTheFirstCredentials() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            #expect(try run.run(["identity"], [:]).status == 0)
            let first = try run.run(["acme", "--from-env", "--no-probe"], acme(url, ["ACME_API_KEY": Self.key]))
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stderr.hasPrefix("""
                lakeflow-auth: every credential stored here is encrypted to this machine's identity, \
                \(StoreLocation(home: run.home).identityPath): losing it loses them all

                """))
        }
    }

    @Test func theOneCompleteMethodIsChosen() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            let result = try run.run(["acme", "--from-env"], acme(url, ["ACME_USERNAME": "demo", "ACME_PASSWORD": "demo-password"]))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try run.store.open("acme").authMethod == "basic")
        }
    }

    @Test func severalOrNoCompleteMethodsAreRefusedListingTheirEnvVars() async throws {
        try await HeadlessRun.withSandbox { run, server, url in
            let both = try run.run(["acme", "--from-env"],
                                   acme(url, ["ACME_API_KEY": Self.key, "ACME_USERNAME": "demo", "ACME_PASSWORD": "x"]))
            #expect(both.status == 2)
            #expect(both.stderr.contains("several auth methods of acme have their required env vars set (api_key, basic)"))
            #expect(both.stderr.contains("set ACME_AUTH_METHOD or pass --auth-method"))
            #expect(both.stderr.contains("lakeflow-auth: hint: api_key: ACME_API_KEY"))
            #expect(both.stderr.contains("lakeflow-auth: hint: basic: ACME_USERNAME, ACME_PASSWORD"))
            let none = try run.run(["acme", "--from-env"], acme(url))
            #expect(none.status == 2)
            #expect(none.stderr.contains("no auth method of acme has all its required env vars set"))
            let chosen = try run.run(["acme", "--from-env"],
                                     acme(url, ["ACME_API_KEY": Self.key, "ACME_USERNAME": "demo", "ACME_AUTH_METHOD": "api_key"]))
            #expect(chosen.status == 0, "\(chosen.stderr)")
            #expect(await server.requestCount == 1)
        }
    }

    @Test func everyMissingAndInvalidValueIsReportedAtOnceByEnvVar() async throws {
        try await HeadlessRun.withSandbox { run, server, url in
            let result = try run.run(["acme", "--from-env", "--auth-method", "api_key"],
                                     ["ACME_WORKSPACE": "Not A Workspace", "ACME_REGION": "asia", "ACME_BASE_URL": "not a url"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("4 values are missing or invalid"))
            #expect(result.stderr.contains("ACME_API_KEY is required"))
            #expect(result.stderr.contains("ACME_WORKSPACE must match ^[a-z0-9-]{3,40}$ (for example: acme-prod)"))
            #expect(result.stderr.contains("ACME_BASE_URL must be a URL"))
            #expect(result.stderr.contains("ACME_REGION must be one of: us, eu"))
            #expect(!FileManager.default.fileExists(atPath: run.storedPath))
            #expect(await server.requestCount == 0)
            _ = url
        }
    }

    @Test func envFileIsReadAndRealEnvVarsWin() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            let file = run.home + ".env"
            defer { try? FileManager.default.removeItem(atPath: file) }
            try """
                # Acme, for CI
                export ACME_WORKSPACE='wrong-workspace'
                ACME_API_KEY="\(Self.key)"   # the demo key

                ACME_BASE_URL=\(url.absoluteString)
                ACME_REGION=eu
                """.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try run.run(["acme", "--from-env", "--env-file", file], ["ACME_WORKSPACE": "demo-workspace"])
            #expect(result.status == 0, "\(result.stderr)")
            let options = JSONValue.object(try run.store.open("acme").options)
            #expect(options["workspace"] == .string("demo-workspace"))
            #expect(options["region"] == .string("eu"))
            #expect(options["api_key"] == .string(Self.key))
        }
    }

    /// Headless loads libcurl on a thread of its own from the start; an error a moment later must
    /// still end with its own exit status, not with a crash of the loading thread as `exit` tears the
    /// libraries down (one run in ten crashed before the exit waited for the loading).
    @Test func anErrorRightAfterStartNeverCrashesTheLoadingOfTheHTTPClient() throws {
        let run = HeadlessRun()
        let file = run.home + ".env"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "ACME_API_KEY='unclosed\n".write(toFile: file, atomically: true, encoding: .utf8)
        let statuses = try (0..<40).map { _ in try run.run(["acme", "--from-env", "--env-file", file], [:]).status }
        #expect(statuses.allSatisfy { $0 == 2 }, "exit statuses: \(statuses)")
    }

    @Test func malformedEnvFileNamesItsLineWithoutQuotingIt() throws {
        let run = HeadlessRun()
        let file = run.home + ".env"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "ACME_WORKSPACE=demo\nACME_API_KEY='secret-value-123\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try run.run(["acme", "--from-env", "--env-file", file], [:])
        #expect(result.status == 2)
        #expect(result.stderr.contains("lakeflow-auth: error: \(file):2:1: the value's ' quote is not closed"))
        #expect(!result.stderr.contains("secret-value-123"))
        let alone = try run.run(["acme", "--env-file", file], [:])
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("--env-file goes with --from-env"))
    }

    @Test(arguments: [
        ("acme-wrong-key", Int32(3), "the credentials were rejected by Acme (HTTP 401)", "check ACME_API_KEY"),
        ("acme-demo-readonly", Int32(3), "the credentials are valid but lack permission at Acme (HTTP 403)", "check ACME_API_KEY"),
    ])
    func rejectedKeysExitThreeNameTheEnvVarAndKeepTheStoredFile(key: String, status: Int32, message: String, hint: String) async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            #expect(try run.run(["acme", "--from-env"], acme(url, ["ACME_API_KEY": Self.key])).status == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: run.storedPath))
            let result = try run.run(["acme", "--from-env"], acme(url, ["ACME_API_KEY": key]))
            #expect(result.status == status)
            #expect(result.stderr.contains("lakeflow-auth: error: \(message); nothing was saved"))
            #expect(result.stderr.contains("lakeflow-auth: hint: \(hint)"))
            #expect(!result.stderr.contains(key))
            #expect(try Data(contentsOf: URL(fileURLWithPath: run.storedPath)) == before)
        }
    }

    @Test func unknownWorkspaceExitsFourAndNamesTheURLsEnvVars() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            let result = try run.run(["acme", "--from-env"], acme(url, ["ACME_API_KEY": Self.key, "ACME_WORKSPACE": "no-such-workspace"]))
            #expect(result.status == 4)
            #expect(result.stderr.contains("check ACME_BASE_URL and ACME_WORKSPACE"))
            #expect(!FileManager.default.fileExists(atPath: run.storedPath))
        }
    }

    @Test func echoedSecretsNeverReachTheMessage() async throws {
        let echoing = AcmeSandboxConfiguration(workspaces: [.init(slug: "echo", fault: .echoCredentials)])
        try await HeadlessRun.withSandbox(echoing) { run, _, url in
            let result = try run.run(["acme", "--from-env"], acme(url, ["ACME_API_KEY": Self.key, "ACME_WORKSPACE": "echo"]))
            #expect(result.status == 3)
            #expect(!result.stderr.contains(Self.key) && !result.stdout.contains(Self.key))
        }
    }

    @Test func plainHTTPToAnotherHostIsRefusedBeforeAnyRequest() throws {
        let run = HeadlessRun()
        let result = try run.run(["acme", "--from-env"],
                                 ["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": Self.key, "ACME_BASE_URL": "http://acme.invalid"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("https"))
        #expect(!FileManager.default.fileExists(atPath: run.storedPath))
    }

    @Test func closedPortIsUnreachableExitFour() throws {
        let closed = try RefusingPort()
        let run = HeadlessRun()
        defer { run.removeHome() }
        let result = try run.run(["acme", "--from-env"], acme(closed.url, ["ACME_API_KEY": Self.key]))
        #expect(result.status == 4)
        #expect(result.stderr.contains("refused the connection"))
    }

    @Test func silentServerTimesOutAtTheGivenTimeout() async throws {
        let silent = AcmeSandboxConfiguration(workspaces: [.init(slug: "silent", fault: .hang)])
        try await HeadlessRun.withSandbox(silent) { run, _, url in
            let started = ContinuousClock.now
            let result = try run.run(["acme", "--from-env", "--probe-timeout", "1"],
                                     acme(url, ["ACME_API_KEY": Self.key, "ACME_WORKSPACE": "silent"]))
            #expect(result.status == 4)
            #expect(result.stderr.contains("no answer from Acme within 1 second"))
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test func noProbeSavesUnverifiedAndSaysSo() async throws {
        try await HeadlessRun.withSandbox { run, server, url in
            let result = try run.run(["acme", "--from-env", "--no-probe"], acme(url, ["ACME_API_KEY": "any-key"]))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "saved unverified (--no-probe) to \(run.storedPath)\n")
            #expect(try run.store.open("acme").probe == nil)
            #expect(await server.requestCount == 0)
        }
    }

    @Test(SharedCorpus.connectorSpecs.required)
    func plainConnectorSpecWithoutProbeSavesUnverified() throws {
        let spec = SharedCorpus.connectorSpecs.spec("example")
        let run = HeadlessRun()
        defer { run.removeHome() }
        let result = try run.run(["example", "--from-env", "--spec", spec], ["EXAMPLE_USERNAME": "someone", "EXAMPLE_PASSWORD": "pw-123"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("no check is declared for Example, so the credentials are unverified; saved unverified to "))
        #expect(try run.store.open("example").probe == nil)
    }
}
