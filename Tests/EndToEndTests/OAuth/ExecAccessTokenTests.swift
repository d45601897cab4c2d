import AcmeSandbox
import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// `exec` and `export --with-access-token` hand a connector whose spec has Unity Catalog run its OAuth
/// flow the `access_token` Unity Catalog would inject: stored while fresh, else minted and stored.
@Suite(.timeLimit(.minutes(2)))
struct ExecAccessTokenTests {
    static let printConfig = ["sh", "-c", #"printf '%s\n%s\n' "$CONNECTOR_TEST_CONFIG_JSON" "${OAUTH_SERVICE_ACCESS_TOKEN-unset}""#]

    static func serviceEnvironment(_ provider: FakeOAuthProvider, _ url: URL) -> [String: String] {
        ["OAUTH_SERVICE_BASE_URL": url.absoluteString, "OAUTH_SERVICE_TENANT_ID": "contoso",
         "OAUTH_SERVICE_CLIENT_ID": provider.behaviour.clientID, "OAUTH_SERVICE_CLIENT_SECRET": provider.behaviour.clientSecret]
    }

    /// `lakeflow-auth <arguments>` in the run's home; `--spec` goes before `--` where there is one.
    static func lakeflowAuth(_ run: HeadlessOAuthProcess, _ arguments: [String]) throws -> LakeflowAuthProcess.Result {
        let spec = ["--spec", HeadlessOAuthProcess.fixture(run.connector)]
        let line = arguments.firstIndex(of: "--").map { Array(arguments[..<$0]) + spec + Array(arguments[$0...]) } ?? arguments + spec
        return try LakeflowAuthProcess.run(line, environment: ["LAKEFLOW_AUTH_HOME": run.home])
    }

    static func setUp(_ run: HeadlessOAuthProcess, _ provider: FakeOAuthProvider, _ url: URL) throws {
        let setup = try run.run(["oauth_service", "--from-env", "--auth-method", "service_principal"], serviceEnvironment(provider, url))
        #expect(setup.status == 0, "\(setup.stderr)")
    }

    @Test func theStoredTokenWhileItIsFresh() async throws {
        try await HeadlessOAuthTests.withProvider(connector: "oauth_service") { provider, url, run in
            try Self.setUp(run, provider, url)
            let stored = try #require(run.stored?.oauth?.token)
            let result = try Self.lakeflowAuth(run, ["exec", "oauth_service", "--"] + Self.printConfig)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let config = try #require(try? JSONParser.parse(Array(lines[0].utf8)))
            #expect(config["access_token"]?.stringValue == stored)
            #expect(config["client_id"]?.stringValue == provider.behaviour.clientID)
            #expect(lines[1] == stored)
            #expect(provider.tokenRequests.count == 1)
        }
    }

    @Test func aTokenAboutToExpireIsMintedAgainStoredAndHandedOut() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.expiresIn = 45
        try await HeadlessOAuthTests.withProvider(behaviour, connector: "oauth_service") { provider, url, run in
            try Self.setUp(run, provider, url)
            let stale = try #require(run.stored?.oauth?.token)
            let result = try Self.lakeflowAuth(run, ["exec", "oauth_service", "--"] + Self.printConfig)
            #expect(result.status == 0, "\(result.stderr)")
            let minted = try #require(result.stdout.split(separator: "\n").last.map(String.init))
            #expect(minted != stale && provider.isLive(accessToken: minted))
            #expect(run.stored?.oauth?.token == minted)
            #expect(provider.tokenRequests.map(\.grant) == ["client_credentials", "client_credentials"])
            #expect(!result.stderr.contains(minted))
        }
    }

    @Test func anUnreachableProviderIsExit4TheCommandNeverRunsAndTheFileIsUntouched() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.expiresIn = 45
        let refusing = try RefusingPort()
        try await HeadlessOAuthTests.withProvider(behaviour, connector: "oauth_service") { provider, url, run in
            try Self.setUp(run, provider, url)
            // The provider moves away: the stored base_url now reaches nothing.
            let path = run.home + "/credentials/oauth_service.age"
            let moved = try run.run(["oauth_service", "--from-env", "--auth-method", "service_principal", "--no-probe"],
                                    Self.serviceEnvironment(provider, refusing.url))
            #expect(moved.status == 0, "\(moved.stderr)")
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let marker = run.home + "/ran"
            let result = try Self.lakeflowAuth(run, ["exec", "oauth_service", "--", "touch", marker])
            #expect(result.status == 4)
            #expect(result.stderr.hasPrefix("lakeflow-auth: error: 127.0.0.1:\(refusing.url.port ?? 0) refused the connection to its token endpoint"))
            #expect(!FileManager.default.fileExists(atPath: marker))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func exportAddsTheTokenOnlyWhenAsked() async throws {
        try await HeadlessOAuthTests.withProvider(connector: "oauth_service") { provider, url, run in
            try Self.setUp(run, provider, url)
            let stored = try #require(run.stored?.oauth?.token)
            let plain = try LakeflowAuthProcess.run(["export", "oauth_service"], environment: ["LAKEFLOW_AUTH_HOME": run.home])
            #expect(plain.status == 0 && !plain.stdout.contains("access_token"))
            let asked = try Self.lakeflowAuth(run, ["export", "oauth_service", "--with-access-token"])
            #expect(asked.status == 0, "\(asked.stderr)")
            #expect((try? JSONParser.parse(Array(asked.stdout.utf8)))?["access_token"]?.stringValue == stored)
            let lines = try Self.lakeflowAuth(run, ["export", "oauth_service", "--with-access-token", "--format", "env"])
            #expect(lines.stdout.contains("OAUTH_SERVICE_ACCESS_TOKEN='\(stored)'"))
            let stray = try LakeflowAuthProcess.run(["export", "oauth_service", "--spec", HeadlessOAuthProcess.fixture("oauth_service")],
                                                    environment: ["LAKEFLOW_AUTH_HOME": run.home])
            #expect(stray.status == 2 && stray.stderr.contains("--spec goes with --with-access-token"))
        }
    }

    @Test func aMethodUnityCatalogInjectsNoTokenForIsBadInputWithTheFlag() async throws {
        try await HeadlessOAuthTests.withProvider(connector: "oauth_service") { provider, url, run in
            let setup = try run.run(["oauth_service", "--from-env", "--auth-method", "token", "--no-probe"],
                                    ["OAUTH_SERVICE_BASE_URL": url.absoluteString, "OAUTH_SERVICE_TOKEN": "pat-1234"])
            #expect(setup.status == 0, "\(setup.stderr)")
            let asked = try Self.lakeflowAuth(run, ["export", "oauth_service", "--with-access-token"])
            #expect(asked.status == 2)
            #expect(asked.stderr.hasPrefix("lakeflow-auth: error: oauth_service's spec declares no OAuth flow that Unity Catalog runs for its token method"))
            #expect(asked.stdout.isEmpty)
            let executed = try Self.lakeflowAuth(run, ["exec", "oauth_service", "--"] + Self.printConfig)
            #expect(executed.status == 0 && executed.stdout.hasSuffix("unset\n") && !executed.stdout.contains("access_token"))
        }
    }

    /// Credentials whose spec is not to be found, or cannot be read, still reach the tests, without a
    /// token, and saying why; a spec named with `--spec` that cannot be read is an error.
    @Test func withoutAReadableSpecTheTestsStillRunWithTheStoredOptions() async throws {
        try await HeadlessOAuthTests.withProvider(connector: "oauth_service") { provider, url, run in
            try Self.setUp(run, provider, url)
            let environment = ["LAKEFLOW_AUTH_HOME": run.home]
            let nowhere = try LakeflowAuthProcess.run(["exec", "oauth_service", "--"] + Self.printConfig, environment: environment)
            #expect(nowhere.status == 0, "\(nowhere.stderr)")
            #expect(nowhere.stderr.contains("no spec found for oauth_service, so no access_token is handed out; --spec FILE names one"))
            #expect(!nowhere.stdout.contains("access_token") && nowhere.stdout.hasSuffix("unset\n"))

            let specs = run.home + "/specs"
            try FileManager.default.createDirectory(atPath: specs, withIntermediateDirectories: true)
            try Data("display_name: [unclosed\n".utf8).write(to: URL(fileURLWithPath: specs + "/oauth_service.yaml"))
            let broken = try LakeflowAuthProcess.run(["exec", "oauth_service", "--"] + Self.printConfig,
                                                     environment: environment.merging(["LAKEFLOW_AUTH_SPECS": specs]) { $1 })
            #expect(broken.status == 0, "\(broken.stderr)")
            #expect(broken.stderr.contains("cannot read the spec of oauth_service ("))
            let named = try LakeflowAuthProcess.run(["exec", "oauth_service", "--spec", specs + "/oauth_service.yaml", "--", "true"],
                                                    environment: environment)
            #expect(named.status == 2)
        }
    }
}
