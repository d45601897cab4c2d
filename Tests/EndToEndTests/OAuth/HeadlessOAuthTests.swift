import AcmeSandbox
import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// `--from-env` and `probe` on OAuth connectors, driving the built binary against a provider on 127.0.0.1.
@Suite(.timeLimit(.minutes(2)))
struct HeadlessOAuthTests {
    static let client = FakeOAuthProvider.Behaviour()

    static func codeFlowEnvironment(_ provider: URL, secret: String = client.clientSecret) -> [String: String] {
        ["OAUTH_DEMO_BASE_URL": provider.absoluteString, "OAUTH_DEMO_CLIENT_ID": client.clientID,
         "OAUTH_DEMO_CLIENT_SECRET": secret]
    }

    static func withProvider(_ behaviour: FakeOAuthProvider.Behaviour = .init(), connector: String = "oauth_demo",
                             _ body: (FakeOAuthProvider, URL, HeadlessOAuthProcess) async throws -> Void) async throws {
        let provider = FakeOAuthProvider(behaviour)
        let url = try await provider.start()
        let run = HeadlessOAuthProcess(connector)
        defer { run.removeHome() }
        do {
            try await body(provider, url, run)
        } catch {
            await provider.stop()
            throw error
        }
        await provider.stop()
    }

    /// No secret of the flow in what the tool said.
    static func expectNoSecrets(_ text: String, _ provider: FakeOAuthProvider, stored: CredentialEnvelope?) {
        #expect(!text.contains(client.clientSecret))
        for (_, value) in stored?.options ?? [] where value.plainText.hasPrefix("refresh-") { #expect(!text.contains(value.plainText)) }
        if let access = stored?.oauth?.token { #expect(!text.contains(access)) }
        #expect(!text.contains("code-"))
    }

    @Test func theCodeFlowPrintsItsLinkAloneOnALineAndStoresTheRefreshToken() async throws {
        try await Self.withProvider { provider, url, run in
            let link = try run.startAndReadLink(Self.codeFlowEnvironment(url))
            #expect(link.hasPrefix(url.absoluteString + "/authorize?"))
            let page = await FakeOAuthProvider.browse(try #require(URL(string: link)))
            #expect(page?.status == 200)
            let end = run.finish()
            #expect(end.status == 0, "\(end.stderr)")
            #expect(end.stdout.contains("connected to OAuth Demo as alice"))
            let stored = try #require(run.stored)
            let refresh = try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)
            #expect(provider.isLive(refreshToken: refresh))
            #expect(stored.oauth.map { provider.isLive(accessToken: $0.token) } == true)
            Self.expectNoSecrets(end.stdout + end.stderr, provider, stored: stored)
            #expect(!link.contains(Self.client.clientSecret))

            // `probe` refreshes, reports, and keeps the rotated refresh token.
            let probe = try run.run(["probe", "oauth_demo"], [:])
            #expect(probe.status == 0, "\(probe.stderr)")
            #expect(probe.stdout.contains("connected to OAuth Demo as alice"))
            let rotated = try #require(run.stored?.options.first { $0.0 == "refresh_token" }?.1.plainText)
            #expect(rotated != refresh)
            #expect(provider.isLive(refreshToken: rotated))
            #expect(!provider.isLive(refreshToken: refresh))
        }
    }

    @Test func aRefreshTokenFromTheEnvironmentIsCheckedByARefreshGrant() async throws {
        try await Self.withProvider { provider, url, run in
            let token = provider.issueRefreshToken()
            let result = try run.run(["oauth_demo", "--from-env"],
                                     Self.codeFlowEnvironment(url).merging(["OAUTH_DEMO_REFRESH_TOKEN": token]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("/authorize"))
            #expect(provider.tokenRequests.map(\.grant) == ["refresh_token"])
            #expect(run.stored?.options.contains { $0.0 == "refresh_token" && $0.1.plainText != token } == true)
        }
    }

    @Test func clientCredentialsWithATenantPlaceholder() async throws {
        try await Self.withProvider(connector: "oauth_service") { provider, url, run in
            let result = try run.run(["oauth_service", "--from-env", "--auth-method", "service_principal"], [
                "OAUTH_SERVICE_BASE_URL": url.absoluteString, "OAUTH_SERVICE_TENANT_ID": "contoso",
                "OAUTH_SERVICE_CLIENT_ID": Self.client.clientID, "OAUTH_SERVICE_CLIENT_SECRET": Self.client.clientSecret,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("authorized by 127.0.0.1:"))
            #expect(provider.tokenRequests.map(\.path) == ["/contoso/token"])
            let first = try #require(run.stored?.oauth)

            // `probe` asks for a new token the same way, and keeps it.
            let probe = try run.run(["probe", "oauth_service"], [:])
            #expect(probe.status == 0, "\(probe.stderr)")
            #expect(probe.stdout.hasPrefix("authorized by 127.0.0.1:"))
            #expect(provider.tokenRequests.map(\.grant) == ["client_credentials", "client_credentials"])
            #expect(run.stored?.oauth.map { $0 != first && provider.isLive(accessToken: $0.token) } == true)
        }
    }

    /// The endpoint and scope fields read their env vars like any option; `probe` asks the same
    /// endpoint for the same scope again, from what the setup stored.
    @Test func theTokenEndpointAndScopeComeFromTheirEnvVars() async throws {
        try await Self.withProvider(connector: "oauth_service") { provider, url, run in
            let result = try run.run(["oauth_service", "--from-env", "--auth-method", "service_principal"], [
                "OAUTH_SERVICE_BASE_URL": url.absoluteString, "OAUTH_SERVICE_TENANT_ID": "contoso",
                "OAUTH_SERVICE_CLIENT_ID": Self.client.clientID, "OAUTH_SERVICE_CLIENT_SECRET": Self.client.clientSecret,
                "OAUTH_SERVICE_TOKEN_URL": "{base_url}/fabrikam/token", "OAUTH_SERVICE_SCOPES": "api://other/.default",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let probe = try run.run(["probe", "oauth_service"], [:])
            #expect(probe.status == 0, "\(probe.stderr)")
            #expect(provider.tokenRequests.map(\.path) == ["/fabrikam/token", "/fabrikam/token"])
            #expect(provider.clientCredentialsScopes == ["api://other/.default", "api://other/.default"])
            #expect(run.stored.map { JSONValue.object($0.options).serialized().contains("fabrikam") } == false)
        }
    }

    @Test func aTokenEndpointOverPlainHTTPToAnotherMachineIsRefused() async throws {
        try await Self.withProvider(connector: "oauth_service") { provider, url, run in
            let result = try run.run(["oauth_service", "--from-env", "--auth-method", "service_principal"], [
                "OAUTH_SERVICE_BASE_URL": url.absoluteString, "OAUTH_SERVICE_TENANT_ID": "contoso",
                "OAUTH_SERVICE_CLIENT_ID": Self.client.clientID, "OAUTH_SERVICE_CLIENT_SECRET": Self.client.clientSecret,
                "OAUTH_SERVICE_TOKEN_URL": "http://tokens.example/token",
            ])
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("lakeflow-auth: error: OAUTH_SERVICE_TOKEN_URL must be https: plain http is allowed only to this machine, not to tokens.example"))
            #expect(provider.tokenRequests.isEmpty && run.stored == nil)
        }
    }

    @Test func aMissingTenantNamesItsEnvVar() async throws {
        try await Self.withProvider(connector: "oauth_service") { provider, url, run in
            let result = try run.run(["oauth_service", "--from-env", "--auth-method", "service_principal"], [
                "OAUTH_SERVICE_BASE_URL": url.absoluteString,
                "OAUTH_SERVICE_CLIENT_ID": Self.client.clientID, "OAUTH_SERVICE_CLIENT_SECRET": Self.client.clientSecret,
            ])
            #expect(result.status == 2)
            #expect(result.stderr.contains("OAUTH_SERVICE_TENANT_ID is required"))
            #expect(provider.tokenRequests.isEmpty)
        }
    }

    struct FailingRun: Sendable, CustomStringConvertible {
        let name: String
        let behaviour: FakeOAuthProvider.Behaviour
        let secret: String
        let status: Int32
        let says: String
        var description: String { name }
    }

    static let failingRuns: [FailingRun] = {
        func with(_ change: (inout FakeOAuthProvider.Behaviour) -> Void) -> FakeOAuthProvider.Behaviour {
            var behaviour = FakeOAuthProvider.Behaviour()
            change(&behaviour)
            return behaviour
        }
        let secret = client.clientSecret
        return [
            FailingRun(name: "access denied", behaviour: with { $0.deniesAuthorization = true }, secret: secret, status: 3,
                       says: "authorization was denied at 127.0.0.1: The user said no"),
            FailingRun(name: "no code", behaviour: with { $0.omitsCode = true }, secret: secret, status: 3,
                       says: "the authorization callback carried no code"),
            FailingRun(name: "invalid client", behaviour: .init(), secret: "wrong-secret-5d2e", status: 3,
                       says: "rejected the client credentials (invalid_client)"),
            FailingRun(name: "not JSON", behaviour: with { $0.answersHTML = true }, secret: secret, status: 4,
                       says: "the body is not JSON"),
            FailingRun(name: "no refresh token", behaviour: with { $0.issuesRefreshTokens = false }, secret: secret, status: 4,
                       says: "access_type=offline and prompt=consent"),
        ]
    }()

    @Test(arguments: failingRuns)
    func eachFailureOfTheCodeFlowHasItsMessageAndStatus(_ failing: FailingRun) async throws {
        try await Self.withProvider(failing.behaviour) { provider, url, run in
            let link = try run.startAndReadLink(Self.codeFlowEnvironment(url, secret: failing.secret))
            _ = await FakeOAuthProvider.browse(try #require(URL(string: link)))
            let end = run.finish()
            #expect(end.status == failing.status, "\(end.stderr)")
            #expect(end.stderr.contains(failing.says), "\(end.stderr)")
            #expect(end.stderr.contains("nothing was saved"))
            #expect(!end.stderr.contains(failing.secret))
            #expect(run.stored == nil)
        }
    }

    @Test func aRevokedRefreshTokenIsRejected() async throws {
        try await Self.withProvider { _, url, run in
            let result = try run.run(["oauth_demo", "--from-env"],
                                     Self.codeFlowEnvironment(url).merging(["OAUTH_DEMO_REFRESH_TOKEN": "revoked-7f3a"]) { $1 })
            #expect(result.status == 3)
            #expect(result.stderr.contains("rejected the grant (invalid_grant)"))
            #expect(!result.stderr.contains("revoked-7f3a"))
        }
    }

    @Test func anUnreachableTokenEndpointIsExit4() async throws {
        // A stopped server's port may go to the next server that asks; a held one refuses for sure.
        let refusing = try RefusingPort()
        let url = refusing.url
        let run = HeadlessOAuthProcess("oauth_demo")
        defer { run.removeHome() }
        let result = try run.run(["oauth_demo", "--from-env"],
                                 Self.codeFlowEnvironment(url).merging(["OAUTH_DEMO_REFRESH_TOKEN": "some-token"]) { $1 })
        #expect(result.status == 4)
        #expect(result.stderr.contains("refused the connection to its token endpoint"))
    }

    @Test func noCallbackWithinTheTimeoutIsExit4() async throws {
        try await Self.withProvider { _, url, run in
            let link = try run.startAndReadLink(Self.codeFlowEnvironment(url), extra: ["--timeout", "1s"])
            #expect(link.contains("/authorize?"))
            let end = run.finish()
            #expect(end.status == 4)
            #expect(end.stderr.contains("lakeflow-auth: error: no answer from the browser within 1s; nothing was saved"))
            #expect(run.stored == nil)
        }
    }
}
