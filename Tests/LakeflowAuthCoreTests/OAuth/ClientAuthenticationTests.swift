import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// Where the client's credentials go at the token endpoint: one way a request, the spec's choice when
/// it says, else the body then Basic; what worked is stored and used first the next time.
@Suite(.timeLimit(.minutes(1)))
struct ClientAuthenticationTests {
    static func clientCredentials(_ store: TemporaryStore, provider: FakeOAuthProvider, url: URL,
                                  clientAuthentication: OAuthClientAuthentication? = nil) async throws -> SetupSnapshot {
        var spec = try OAuthFixtures.clientCredentialsSpec()
        if let clientAuthentication, case var .object(members)? = spec.oauth {
            members.append(("client_auth", .string(clientAuthentication.rawValue)))
            spec.oauth = .object(members)
        }
        let session = SetupSession(form: Form(spec: spec), store: store.store(), check: SetupSession.declaredCheck(of: spec),
                                   authorization: OAuthAuthorization(presenter: nil))
        _ = try await session.chooseAuthMethod("service_principal")
        for (name, value) in [("base_url", url.absoluteString), ("tenant_id", "contoso"),
                              ("client_id", provider.behaviour.clientID), ("client_secret", provider.behaviour.clientSecret)] {
            _ = await session.set(name, value)
        }
        return await OAuthFlowTests.submitted(session)
    }

    @Test func theBodyFirstAndWhatWorkedIsStored() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.acceptsOnlyBody = true
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let store = TemporaryStore()
            guard case .saved = try await Self.clientCredentials(store, provider: provider, url: url).state else { Issue.record("not saved"); return }
            #expect(provider.tokenRequests.map(\.basic) == [false])
            #expect(try store.store().open("oauth_service").oauth?.clientAuthentication == .body)
        }
    }

    @Test func basicWhenTheBodyIsRefusedNeverBothAtOnceAndBasicIsRememberedForTheRefresh() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.acceptsOnlyBasic = true
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let store = TemporaryStore()
            guard case .saved = try await Self.clientCredentials(store, provider: provider, url: url).state else { Issue.record("not saved"); return }
            #expect(provider.tokenRequests.map(\.basic) == [false, true])
            let envelope = try store.store().open("oauth_service")
            #expect(envelope.oauth?.clientAuthentication == .basic)
            #expect(envelope.json.serialized().contains(#""client_auth":"basic""#))

            // The next exchange (probe, exec) asks with Basic at once.
            let spec = try OAuthFixtures.clientCredentialsSpec()
            let grant = try await OAuthAuthorization(presenter: nil).remembering(envelope.oauth?.clientAuthentication)
                .authorize(envelope.credentials, spec: spec)
            #expect(grant?.tokens.clientAuthentication == .basic)
            #expect(provider.tokenRequests.map(\.basic) == [false, true, true])
            #expect(provider.doublyAuthenticatedRequests == 0)
        }
    }

    @Test func theSpecsChoiceIsTheOnlyOneTried() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.acceptsOnlyBody = true
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let store = TemporaryStore()
            let failure = try #require(OAuthFlowTests.failure(
                try await Self.clientCredentials(store, provider: provider, url: url, clientAuthentication: .basic)))
            #expect(failure.message.contains("rejected the client credentials (invalid_client)"))
            #expect(provider.tokenRequests.map(\.basic) == [true])
            #expect(!store.store().hasStored("oauth_service"))
        }
    }

    @Test func aValueTheBlockCannotMeanIsTheDefault() throws {
        let block = JSONValue.object([("flow", .string("m2m")), ("token_url", .string("https://id.example/token")),
                                      ("client_auth", .string("both"))])
        #expect(OAuthConfiguration(block)?.clientAuthentication == nil)
        let basic = JSONValue.object([("flow", .string("m2m")), ("client_auth", .string("basic"))])
        #expect(OAuthConfiguration(basic)?.clientAuthentication == .basic)
    }

    @Test func aStrictEndpointRefusesBothAtOnceAndTheClientNeverSendsThem() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            guard case .saved = try await Self.clientCredentials(store, provider: provider, url: url).state else { Issue.record("not saved"); return }
            #expect(provider.doublyAuthenticatedRequests == 0)
            // What the provider does to a client that does send both, so the count above means something.
            var request = HTTPClient.Request.formPost(url: url.appendingPathComponent("contoso/token"), fields: [
                ("grant_type", "client_credentials"), ("client_id", provider.behaviour.clientID),
                ("client_secret", provider.behaviour.clientSecret),
            ])
            let pair = provider.behaviour.clientID + ":" + provider.behaviour.clientSecret
            request.headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
            let answer = try await HTTPClient().send(request, timeout: .seconds(5), responseLimit: 4096).get()
            #expect(answer.status == 400)
            #expect(provider.doublyAuthenticatedRequests == 1)
        }
    }

    @Test func anEnvelopeOfAnEarlierVersionHasNoChoiceAndAnUnknownOneIsRefused() throws {
        let earlier = Array(#"{"format":1,"connector":"acme","auth_method":null,"options":{},"saved_at":"2025-01-01T00:00:00Z","probe":null,"oauth":{"access_token":"a","expires_at":null}}"#.utf8)
        #expect(try CredentialEnvelope(decoding: earlier, path: "x").oauth?.clientAuthentication == nil)
        let unknown = Array(#"{"format":1,"connector":"acme","auth_method":null,"options":{},"saved_at":"2025-01-01T00:00:00Z","probe":null,"oauth":{"access_token":"a","expires_at":null,"client_auth":"both"}}"#.utf8)
        #expect(throws: StoreError.self) { try CredentialEnvelope(decoding: unknown, path: "x") }
    }
}
