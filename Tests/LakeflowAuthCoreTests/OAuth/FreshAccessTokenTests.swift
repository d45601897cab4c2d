import AcmeSandbox
import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// The access token Unity Catalog would inject: the stored one while it has more than a minute left,
/// else minted and stored under the store's lock; a failure leaves the file as it was.
@Suite(.timeLimit(.minutes(1)))
struct FreshAccessTokenTests {
    /// A stored client-credentials setup (the fixture's block says `flow: m2m`, as a Unity Catalog one does).
    static func storedService(_ store: TemporaryStore, provider: FakeOAuthProvider, url: URL) async throws -> CredentialEnvelope {
        guard case .saved = try await ClientAuthenticationTests.clientCredentials(store, provider: provider, url: url).state else {
            throw Unsaved()
        }
        return try store.store().open("oauth_service")
    }

    struct Unsaved: Error {}

    @Test func theStoredTokenWhileItHasMoreThanAMinuteLeft() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let envelope = try await Self.storedService(store, provider: provider, url: url)
            let stored = try #require(envelope.oauth)
            let token = try await FreshAccessToken.obtain(for: envelope, spec: try OAuthFixtures.clientCredentialsSpec(), store: store.store())
            #expect(token == stored.token)
            #expect(provider.tokenRequests.count == 1)
        }
    }

    @Test func aTokenWithAMinuteOrLessLeftIsMintedAgainAndStored() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.expiresIn = 60
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let store = TemporaryStore()
            let envelope = try await Self.storedService(store, provider: provider, url: url)
            let token = try #require(try await FreshAccessToken.obtain(for: envelope, spec: try OAuthFixtures.clientCredentialsSpec(),
                                                                         store: store.store()))
            #expect(token != envelope.oauth?.token)
            #expect(provider.isLive(accessToken: token))
            #expect(provider.tokenRequests.map(\.grant) == ["client_credentials", "client_credentials"])
            let after = try store.store().open("oauth_service")
            #expect(after.oauth?.token == token)
            #expect(after.options.map(\.0) == envelope.options.map(\.0))
        }
    }

    @Test func aRefreshGrantKeepsTheRotatedRefreshToken() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let spec = try OAuthFixtures.codeFlowSpec()
            let old = provider.issueRefreshToken()
            let credentials = Credentials(connector: "oauth_demo", authMethod: nil, values: [
                ("base_url", .string(url.absoluteString)), ("client_id", .string(provider.behaviour.clientID)),
                ("client_secret", .string(provider.behaviour.clientSecret)), ("refresh_token", .string(old)),
            ])
            let expired = OAuthAccessToken(token: "access-long-gone", expiresAt: Date(timeIntervalSinceNow: -3600))
            try store.store().save(CredentialEnvelope(credentials: credentials, spec: spec, probe: nil, oauth: expired))
            let envelope = try store.store().open("oauth_demo")
            let token = try #require(try await FreshAccessToken.obtain(for: envelope, spec: spec, store: store.store()))
            #expect(provider.isLive(accessToken: token))
            let after = try store.store().open("oauth_demo")
            let rotated = try #require(after.options.first { $0.0 == "refresh_token" }?.1.stringValue)
            #expect(rotated != old && provider.isLive(refreshToken: rotated) && !provider.isLive(refreshToken: old))
            #expect(after.oauth?.token == token && after.oauth?.clientAuthentication == .body)
        }
    }

    @Test func aRefusalLeavesTheStoredFileAsItWas() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let spec = try OAuthFixtures.codeFlowSpec()
            let credentials = Credentials(connector: "oauth_demo", authMethod: nil, values: [
                ("base_url", .string(url.absoluteString)), ("client_id", .string(provider.behaviour.clientID)),
                ("client_secret", .string(provider.behaviour.clientSecret)), ("refresh_token", .string("revoked-4c1d")),
            ])
            let path = try store.store().save(CredentialEnvelope(credentials: credentials, spec: spec, probe: nil,
                                                                 oauth: OAuthAccessToken(token: "old", expiresAt: Date(timeIntervalSince1970: 0))))
            let before = store.bytes(path)
            let envelope = try store.store().open("oauth_demo")
            do {
                _ = try await FreshAccessToken.obtain(for: envelope, spec: spec, store: store.store())
                Issue.record("a revoked refresh token minted a token")
            } catch let error as OAuthError {
                #expect(error.exitStatus == .rejected)
                #expect(!error.message.contains("revoked-4c1d"))
            }
            #expect(store.bytes(path) == before)
        }
    }

    @Test func anUnreachableTokenEndpointIsExit4AndTheFileIsAsItWas() async throws {
        let store = TemporaryStore()
        let spec = try OAuthFixtures.clientCredentialsSpec()
        let refusing = try RefusingPort()
        let credentials = Credentials(connector: "oauth_service", authMethod: "service_principal", values: [
            ("base_url", .string(refusing.url.absoluteString)), ("tenant_id", .string("contoso")),
            ("client_id", .string("id")), ("client_secret", .string("s")),
        ])
        let path = try store.store().save(CredentialEnvelope(credentials: credentials, spec: spec, probe: nil))
        let before = store.bytes(path)
        await #expect(throws: OAuthError.self) {
            _ = try await FreshAccessToken.obtain(for: try store.store().open("oauth_service"), spec: spec, store: store.store())
        }
        #expect(store.bytes(path) == before)
    }

    @Test func twoAtOnceMintOneTokenBetweenThem() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let spec = try OAuthFixtures.clientCredentialsSpec()
            let credentials = Credentials(connector: "oauth_service", authMethod: "service_principal", values: [
                ("base_url", .string(url.absoluteString)), ("tenant_id", .string("contoso")),
                ("client_id", .string(provider.behaviour.clientID)), ("client_secret", .string(provider.behaviour.clientSecret)),
            ])
            try store.store().save(CredentialEnvelope(credentials: credentials, spec: spec, probe: nil,
                                                      oauth: OAuthAccessToken(token: "stale", expiresAt: Date(timeIntervalSinceNow: 30))))
            // Both read the same stale envelope; under the lock, the second finds the first one's token.
            let envelope = try store.store().open("oauth_service")
            async let first = FreshAccessToken.obtain(for: envelope, spec: spec, store: store.store())
            async let second = FreshAccessToken.obtain(for: envelope, spec: spec, store: store.store())
            let tokens = try await [first, second]
            #expect(tokens[0] != nil && tokens[0] == tokens[1])
            #expect(provider.tokenRequests.count == 1)
        }
    }

    @Test func aBlockWithoutFlowOrAMethodWithoutTheFlowGetsNone() async throws {
        var spec = try OAuthFixtures.codeFlowSpec()
        if case var .object(members)? = spec.oauth {
            members.removeAll { $0.0 == "flow" }
            spec.oauth = .object(members)
        }
        let envelope = CredentialEnvelope(connector: "oauth_demo", authMethod: nil, options: [], secretOptions: nil, envVars: nil,
                                          savedAt: Date(), probe: nil, oauth: OAuthAccessToken(token: "t", expiresAt: nil))
        #expect(spec.oauthFlow(for: nil) != nil && spec.injectedAccessTokenFlow(for: nil) == nil)
        #expect(try await FreshAccessToken.obtain(for: envelope, spec: spec, store: TemporaryStore().store()) == nil)

        let service = try OAuthFixtures.clientCredentialsSpec()
        #expect(service.injectedAccessTokenFlow(for: service.authMethod(named: "token")) == nil)
        #expect(service.injectedAccessTokenFlow(for: service.authMethod(named: "service_principal")) != nil)
    }

    @Test func theTokenJoinsTheOptionsAndItsEnvVar() throws {
        let envelope = CredentialEnvelope(connector: "gmail", authMethod: nil, options: [("client_id", .string("id")),
                                                                                         ("access_token", .string("stale"))],
                                          secretOptions: nil, envVars: nil, savedAt: Date(), probe: nil)
        #expect(CredentialExport.json(envelope, accessToken: "fresh") == #"{"client_id":"id","access_token":"fresh"}"# + "\n")
        let environment = try CredentialExport(envelope, spec: nil, accessToken: "fresh").environment
        #expect(environment.contains { $0 == ("GMAIL_ACCESS_TOKEN", "fresh") })
        #expect(try CredentialExport(envelope, spec: nil).envLines.contains("GMAIL_ACCESS_TOKEN='stale'"))
    }
}
