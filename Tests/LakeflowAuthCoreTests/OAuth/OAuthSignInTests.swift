import AcmeSandbox
import FakeOAuthProvider
import Foundation
@testable import LakeflowAuthCore
import Testing

/// An `oauth` block without `flow` (zoho_crm, google_sheets_docs) runs the code flow as upstream's
/// `authenticate.py` does: every form offers a sign-in in place of the refresh token it requires, and
/// one typed in is used instead. Offline, what was typed may be kept when it stands on its own.
@Suite(.timeLimit(.minutes(1)))
struct OAuthSignInTests {
    static func form(baseURL: String?) throws -> Form {
        var form = Form(spec: try OAuthFixtures.signInSpec())
        if let baseURL { form.set("base_url", baseURL) }
        form.set("client_id", FakeOAuthProvider.Behaviour().clientID)
        form.set("client_secret", FakeOAuthProvider.Behaviour().clientSecret)
        return form
    }

    @Test func theRefreshTokenFieldOffersTheSignInWithTheProvidersHost() throws {
        let form = try Self.form(baseURL: "https://accounts.example.com")
        let states = Dictionary(uniqueKeysWithValues: form.fieldStates.map { ($0.option.name, $0) })
        let refresh = try #require(states["refresh_token"])
        #expect(refresh.option.required && !refresh.isRequired)
        #expect(refresh.signIn?.label == "Sign in with accounts.example.com")
        #expect(refresh.signIn?.whenEmpty == "empty: sign in with accounts.example.com when you save")
        #expect(states["client_secret"]?.signIn == nil && states["client_secret"]?.isRequired == true)
        // Until base_url is given, the host is not known.
        #expect(try Self.form(baseURL: nil).signIn(filling: "refresh_token")?.label == "Sign in with the provider")
    }

    @Test func theSaveChoiceSaysItSignsInUntilARefreshTokenIsTyped() async throws {
        let store = TemporaryStore()
        var form = try Self.form(baseURL: "https://accounts.example.com")
        let session = SetupSession(form: form, store: store.store(), check: nil)
        #expect(await session.snapshot.saveChoice.label == "Sign in and save")
        #expect(await session.snapshot.saveChoice.detail.hasPrefix("Sign in with accounts.example.com for a refresh token"))
        form.set("refresh_token", "rt-typed")
        #expect(form.pendingSignIn == nil)
        let typed = SetupSession(form: form, store: store.store(), check: nil)
        #expect(await typed.snapshot.saveChoice.label == "Save")
    }

    /// A block without `flow` and a block with `flow: u2m` run the same flow; only the words differ.
    @Test func leftEmptyTheSignInRunsAndItsRefreshTokenIsStored() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let spec = try OAuthFixtures.signInSpec()
            let browser = FollowingPresenter()
            let session = SetupSession(form: try Self.form(baseURL: url.absoluteString), store: store.store(),
                                       check: SetupSession.declaredCheck(of: spec), authorization: OAuthAuthorization(presenter: browser.presenter))
            let snapshot = await OAuthFlowTests.submitted(session)
            guard case let .saved(saved) = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
            #expect(saved.summary.hasPrefix("connected to OAuth Sign-in as alice"))
            #expect(browser.urls.count == 1)
            let refresh = try #require(try store.store().open("oauth_signin").options.first { $0.0 == "refresh_token" }?.1.stringValue)
            #expect(provider.isLive(refreshToken: refresh))
        }
    }

    /// Offline, a refresh token typed in stands on its own: the form may keep it unverified.
    @Test func anUnreachableTokenEndpointLetsATypedRefreshTokenBeKeptUnverified() async throws {
        let store = TemporaryStore()
        let refusing = try RefusingPort()
        var form = try Self.form(baseURL: refusing.url.absoluteString)
        form.set("refresh_token", "rt-typed-offline")
        let spec = try OAuthFixtures.signInSpec()
        let session = SetupSession(form: form, store: store.store(), check: SetupSession.declaredCheck(of: spec),
                                   authorization: OAuthAuthorization(presenter: nil))
        let snapshot = await OAuthFlowTests.submitted(session)
        let failure = try #require(OAuthFlowTests.failure(snapshot))
        #expect(failure.message.contains("refused the connection to its token endpoint"))
        #expect(failure.mayBeSavedUnverified)
        #expect(failure.hints == [OfflineHint.keepInForms], "a loopback address needs no network, so no word of being offline")
        #expect(snapshot.choices.map(\.label) == ["Retry", "Edit", "Save unverified", "Quit"])
        let kept = try await session.saveUnverified()
        guard case .saved = kept.state else { Issue.record("not saved: \(kept.state)"); return }
        let envelope = try store.store().open("oauth_signin")
        #expect(envelope.options.first { $0.0 == "refresh_token" }?.1.stringValue == "rt-typed-offline")
        #expect(envelope.probe?.ok != true, "kept, not verified")
    }

    /// Client credentials stand on their own too.
    @Test func anUnreachableClientCredentialsEndpointMayBeKeptUnverified() async throws {
        let store = TemporaryStore()
        let refusing = try RefusingPort()
        let spec = try OAuthFixtures.clientCredentialsSpec()
        let session = SetupSession(form: Form(spec: spec), store: store.store(), check: SetupSession.declaredCheck(of: spec),
                                   authorization: OAuthAuthorization(presenter: nil))
        _ = try await session.chooseAuthMethod("service_principal")
        for (name, value) in [("base_url", refusing.url.absoluteString), ("tenant_id", "contoso"), ("client_id", "id"), ("client_secret", "s")] {
            _ = await session.set(name, value)
        }
        let failure = try #require(OAuthFlowTests.failure(await OAuthFlowTests.submitted(session)))
        #expect(failure.mayBeSavedUnverified && failure.exitStatus == .unreachable)
        let kept = try await session.saveUnverified()
        guard case .saved = kept.state else { Issue.record("not saved: \(kept.state)"); return }
        #expect(try store.store().open("oauth_service").options.map(\.0).contains("client_secret"))
    }

    /// A sign-in whose token endpoint is down granted nothing: the refresh token the connector reads
    /// does not exist, so there is nothing to keep, and the hint says what to do instead.
    @Test func aSignInWhoseTokenEndpointIsDownHasNothingToKeep() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let store = TemporaryStore()
            let refusing = try RefusingPort()
            var form = try Self.form(baseURL: url.absoluteString)
            form.set("token_url", refusing.url.absoluteString + "/token")
            let spec = try OAuthFixtures.signInSpec()
            let session = SetupSession(form: form, store: store.store(), check: SetupSession.declaredCheck(of: spec),
                                       authorization: OAuthAuthorization(presenter: FollowingPresenter().presenter))
            let snapshot = await OAuthFlowTests.submitted(session)
            let failure = try #require(OAuthFlowTests.failure(snapshot))
            #expect(!failure.mayBeSavedUnverified)
            #expect(failure.hints == [OfflineHint.signInNeedsProvider])
            #expect(!snapshot.choices.contains { $0.kind == .saveUnverified })
            await #expect(throws: SetupError.self) { _ = try await session.saveUnverified() }
            #expect(!store.store().hasStored("oauth_signin"))
        }
    }
}
