import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// The flows through `SetupSession`, against a real provider on 127.0.0.1.
@Suite(.timeLimit(.minutes(1)))
struct OAuthFlowTests {
    static func codeFlowSession(_ store: TemporaryStore, provider url: URL, secret: String = FakeOAuthProvider.Behaviour().clientSecret,
                                authorization: OAuthAuthorization, probes: Bool = true) async throws -> SetupSession {
        let spec = try OAuthFixtures.codeFlowSpec()
        let session = SetupSession(form: Form(spec: spec), store: store.store(),
                                   check: probes ? SetupSession.declaredCheck(of: spec) : nil, authorization: authorization)
        _ = await session.set("base_url", url.absoluteString)
        _ = await session.set("client_id", FakeOAuthProvider.Behaviour().clientID)
        _ = await session.set("client_secret", secret)
        return session
    }

    /// Submits and waits for the end of the check (or of the flow), past the wait at the provider.
    static func submitted(_ session: SetupSession) async -> SetupSnapshot {
        _ = await session.submit()
        return await session.settled()
    }

    static func failure(_ snapshot: SetupSnapshot) -> CheckFailure? {
        if case let .checkFailed(failure) = snapshot.state { return failure }
        return nil
    }

    @Test func theCodeFlowStoresTheRefreshTokenAndTheAccessToken() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let browser = FollowingPresenter()
            let session = try await Self.codeFlowSession(store, provider: url, authorization: OAuthAuthorization(presenter: browser.presenter))
            let snapshot = await Self.submitted(session)
            guard case let .saved(saved) = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
            #expect(saved.summary.hasPrefix("connected to OAuth Demo as alice"))
            let envelope = try store.store().open("oauth_demo")
            let refresh = try #require(envelope.options.first { $0.0 == "refresh_token" }?.1.stringValue)
            #expect(provider.isLive(refreshToken: refresh))
            let access = try #require(envelope.oauth)
            #expect(provider.isLive(accessToken: access.token))
            #expect(access.expiresAt != nil)
            #expect(envelope.isSecret("refresh_token"))
            #expect(envelope.probe?.identity == "alice")

            let query = try #require(provider.authorizationQueries.first)
            #expect(query["redirect_uri"]?.hasPrefix("http://127.0.0.1:") == true)
            #expect(query["state"] != "chosen-by-the-spec")
            #expect(query["code_challenge_method"] == "S256")
            #expect(query["scope"] == "read:mail read:profile")
            #expect(query["access_type"] == "offline")
            #expect(provider.tokenRequests.map(\.grant) == ["authorization_code"])
            // The browser reads its page in its own time.
            for _ in 0..<100 where browser.callbackPages.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            #expect(browser.callbackPages.first?.status == 200)
            #expect(browser.callbackPages.first?.text.hasPrefix("authorized") == true)
        }
    }

    @Test func aStoredRefreshTokenIsCheckedByARefreshGrantAndItsRotationKept() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let browser = FollowingPresenter(follows: false)
            let session = try await Self.codeFlowSession(store, provider: url, authorization: OAuthAuthorization(presenter: browser.presenter))
            let old = provider.issueRefreshToken()
            _ = await session.set("refresh_token", old)
            let snapshot = await Self.submitted(session)
            guard case .saved = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
            #expect(browser.urls.isEmpty)
            #expect(provider.tokenRequests.map(\.grant) == ["refresh_token"])
            let stored = try #require(try store.store().open("oauth_demo").options.first { $0.0 == "refresh_token" }?.1.stringValue)
            #expect(stored != old)
            #expect(provider.isLive(refreshToken: stored))
            #expect(!provider.isLive(refreshToken: old))
        }
    }

    @Test func clientCredentialsFillTheTenantAndTheExchangeIsTheCheck() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let spec = try OAuthFixtures.clientCredentialsSpec()
            let session = SetupSession(form: Form(spec: spec), store: store.store(), check: SetupSession.declaredCheck(of: spec),
                                       authorization: OAuthAuthorization(presenter: nil))
            _ = try await session.chooseAuthMethod("service_principal")
            for (name, value) in [("base_url", url.absoluteString), ("tenant_id", "contoso"),
                                  ("client_id", provider.behaviour.clientID), ("client_secret", provider.behaviour.clientSecret)] {
                _ = await session.set(name, value)
            }
            let snapshot = await Self.submitted(session)
            guard case let .saved(saved) = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
            #expect(saved.summary.hasPrefix("authorized by 127.0.0.1:"))
            #expect(provider.tokenRequests.map(\.path) == ["/contoso/token"])
            #expect(provider.clientCredentialsScopes == ["api://service/.default"])
            let envelope = try store.store().open("oauth_service")
            #expect(envelope.oauth != nil)
            #expect(!envelope.options.contains { $0.0 == "refresh_token" })
        }
    }

    @Test func aMissingTenantIsAnErrorOnThatField() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let spec = try OAuthFixtures.clientCredentialsSpec()
            let session = SetupSession(form: Form(spec: spec), store: TemporaryStore().store(), check: nil,
                                       authorization: OAuthAuthorization(presenter: nil))
            _ = try await session.chooseAuthMethod("service_principal")
            for (name, value) in [("base_url", url.absoluteString), ("client_id", "id"), ("client_secret", "s")] {
                _ = await session.set(name, value)
            }
            let snapshot = await Self.submitted(session)
            guard case .editing = snapshot.state else { Issue.record("not editing: \(snapshot.state)"); return }
            #expect(snapshot.invalid?.errors == [FieldError(option: "tenant_id", problem: .missing)])
            #expect(provider.tokenRequests.isEmpty)
        }
    }

    @Test func aProviderThatTakesOnlyHTTPBasicGetsItOnTheSecondTry() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.acceptsOnlyBasic = true
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let store = TemporaryStore()
            let session = try await Self.codeFlowSession(store, provider: url,
                                                         authorization: OAuthAuthorization(presenter: FollowingPresenter().presenter))
            let snapshot = await Self.submitted(session)
            guard case .saved = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
            #expect(provider.tokenRequests.map(\.basic) == [false, true])
        }
    }

    @Test func withoutProbeTheFlowStillRunsAndItsTokensAreStored() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let session = try await Self.codeFlowSession(store, provider: url,
                                                         authorization: OAuthAuthorization(presenter: FollowingPresenter().presenter),
                                                         probes: false)
            let snapshot = await Self.submitted(session)
            guard case let .saved(saved) = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
            #expect(saved.summary.hasPrefix("saved unverified (--no-probe)"))
            #expect(try store.store().open("oauth_demo").options.contains { $0.0 == "refresh_token" })
        }
    }

    @Test func withoutProbeClientCredentialsAreStoredUnasked() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let spec = try OAuthFixtures.clientCredentialsSpec()
            let session = SetupSession(form: Form(spec: spec), store: store.store(), check: nil,
                                       authorization: OAuthAuthorization(presenter: nil))
            _ = try await session.chooseAuthMethod("service_principal")
            for (name, value) in [("base_url", url.absoluteString), ("tenant_id", "contoso"),
                                  ("client_id", "id"), ("client_secret", "s")] {
                _ = await session.set(name, value)
            }
            guard case .saved = await Self.submitted(session).state else { Issue.record("not saved"); return }
            #expect(provider.tokenRequests.isEmpty)
            #expect(try store.store().open("oauth_service").oauth == nil)
        }
    }

    struct FailingCase: Sendable, CustomStringConvertible {
        let name: String
        let behaviour: FakeOAuthProvider.Behaviour
        let secret: String?
        let says: String
        let status: LakeflowAuthCore.ExitStatus
        var description: String { name }
    }

    static let failing: [FailingCase] = {
        func with(_ change: (inout FakeOAuthProvider.Behaviour) -> Void) -> FakeOAuthProvider.Behaviour {
            var behaviour = FakeOAuthProvider.Behaviour()
            change(&behaviour)
            return behaviour
        }
        return [
            FailingCase(name: "access denied", behaviour: with { $0.deniesAuthorization = true }, secret: nil,
                        says: "authorization was denied at 127.0.0.1: The user said no", status: .rejected),
            FailingCase(name: "no code", behaviour: with { $0.omitsCode = true }, secret: nil,
                        says: "carried no code", status: .rejected),
            FailingCase(name: "invalid client", behaviour: .init(), secret: "wrong-secret-5d2e",
                        says: "rejected the client credentials (invalid_client)", status: .rejected),
            FailingCase(name: "not JSON", behaviour: with { $0.answersHTML = true }, secret: nil,
                        says: "the body is not JSON", status: .unreachable),
            FailingCase(name: "no refresh token", behaviour: with { $0.issuesRefreshTokens = false }, secret: nil,
                        says: "no refresh token", status: .unreachable),
        ]
    }()

    @Test(arguments: failing)
    func aFailedFlowIsACheckFailureThatSavesNothing(_ failing: FailingCase) async throws {
        try await OAuthFixtures.withProvider(failing.behaviour) { provider, url in
            let store = TemporaryStore()
            let secret = failing.secret ?? provider.behaviour.clientSecret
            let session = try await Self.codeFlowSession(store, provider: url, secret: secret,
                                                         authorization: OAuthAuthorization(presenter: FollowingPresenter().presenter))
            let snapshot = await Self.submitted(session)
            let failure = try #require(Self.failure(snapshot))
            #expect(failure.exitStatus == failing.status)
            #expect(failure.message.contains(failing.says), "\(failure.message)")
            #expect(!failure.mayBeSavedUnverified)
            #expect(!failure.message.contains(secret))
            #expect(!store.store().hasStored("oauth_demo"))
            await #expect(throws: SetupError.self) { _ = try await session.saveUnverified() }
        }
    }

    @Test func theDeniedMessageNamesTheProviderAndTheMissingRefreshTokenHintNamesTheFix() {
        #expect(OAuthError.deniedAtCallback(error: "access_denied", description: "no", host: "id.example").message
            == "authorization was denied at id.example: no")
        #expect(OAuthError.noRefreshToken(host: "id.example").hints.joined().contains("access_type=offline and prompt=consent"))
        #expect(OAuthError.noCallback(seconds: 300).exitStatus == .unreachable)
    }

    @Test func aRefreshTokenFromTheEnvironmentServesASpecThatDeclaresNoSuchOption() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            // As gmail: the connector reads refresh_token, but the spec does not ask for it.
            var spec = try OAuthFixtures.codeFlowSpec()
            spec.options.removeAll { $0.name == "refresh_token" }
            let store = TemporaryStore()
            let token = provider.issueRefreshToken()
            var plan = SetupPlan(spec: spec, environment: [
                "OAUTH_DEMO_BASE_URL": url.absoluteString, "OAUTH_DEMO_CLIENT_ID": provider.behaviour.clientID,
                "OAUTH_DEMO_CLIENT_SECRET": provider.behaviour.clientSecret, "OAUTH_DEMO_REFRESH_TOKEN": token,
            ], authMethod: nil, checks: true)
            plan.store = store.store()
            let saved = try await HeadlessSetup(plan: plan).run()
            #expect(saved.summary.hasPrefix("connected to OAuth Demo as alice"))
            #expect(provider.tokenRequests.map(\.grant) == ["refresh_token"])
            let stored = try #require(try store.store().open("oauth_demo").options.first { $0.0 == "refresh_token" }?.1.stringValue)
            #expect(stored != token && provider.isLive(refreshToken: stored))
        }
    }

    @Test func aStoredCodeFlowWithoutRefreshTokenNeedsAPersonWhereNoneIsAtHand() async throws {
        let spec = try OAuthFixtures.codeFlowSpec()
        let credentials = Credentials(connector: "oauth_demo", authMethod: nil, values: [
            ("base_url", .string("https://id.example")), ("client_id", .string("id")), ("client_secret", .string("s")),
        ])
        await #expect(throws: OAuthError.authorizationNeeded(connector: "oauth_demo")) {
            _ = try await OAuthAuthorization(presenter: nil).authorize(credentials, spec: spec)
        }
    }

    @Test func aRevokedRefreshTokenIsAnInvalidGrant() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let session = try await Self.codeFlowSession(TemporaryStore(), provider: url, authorization: OAuthAuthorization(presenter: nil))
            _ = await session.set("refresh_token", "revoked-token-77aa")
            let failure = try #require(Self.failure(await Self.submitted(session)))
            #expect(failure.exitStatus == .rejected)
            #expect(failure.concernedOptions == ["refresh_token"])
            #expect(!failure.message.contains("revoked-token-77aa"))
        }
    }

    @Test func anUnreachableTokenEndpointIsExit4() async throws {
        let provider = FakeOAuthProvider()
        let url = try await provider.start()
        await provider.stop()
        let session = try await Self.codeFlowSession(TemporaryStore(), provider: url, authorization: OAuthAuthorization(presenter: nil))
        _ = await session.set("refresh_token", "some-token")
        let failure = try #require(Self.failure(await Self.submitted(session)))
        #expect(failure.exitStatus == .unreachable)
    }

    @Test func noCallbackWithinTheTimeoutIsExit4() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let browser = FollowingPresenter(follows: false)
            let session = try await Self.codeFlowSession(TemporaryStore(), provider: url,
                                                         authorization: OAuthAuthorization(presenter: browser.presenter,
                                                                                           callbackTimeout: .milliseconds(300)))
            let failure = try #require(Self.failure(await Self.submitted(session)))
            #expect(failure.exitStatus == .unreachable)
            #expect(browser.urls.count == 1)
        }
    }

    @Test func cancellingTheCheckStopsTheWaitForTheCallback() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let browser = FollowingPresenter(follows: false)
            let session = try await Self.codeFlowSession(TemporaryStore(), provider: url,
                                                         authorization: OAuthAuthorization(presenter: browser.presenter))
            let submitted = Task { await Self.submitted(session) }
            while browser.urls.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            let redirect = try #require(OAuthFlowTests.query(browser.urls[0], "redirect_uri").flatMap(URL.init(string:)))
            let cancelled = await session.cancelCheck()
            guard case .editing = cancelled.state else { Issue.record("not editing: \(cancelled.state)"); return }
            _ = await submitted.value
            // The listener is gone with the wait.
            var refused = false
            for _ in 0..<50 where !refused {
                if case .failure = await HTTPClient().send(.init(url: redirect), timeout: .seconds(2), responseLimit: 1024) { refused = true }
                else { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(refused)
        }
    }

    /// For a front end that is a page: the snapshot holds the link while the step waits, and the
    /// callback's answer sends the browser back to the page (a `Refresh`, so the page's own cookies go along).
    @Test func theSnapshotCarriesTheLinkAndTheCallbackLeadsBack() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let browser = FollowingPresenter(follows: false)
            let session = try await Self.codeFlowSession(TemporaryStore(), provider: url,
                                                         authorization: OAuthAuthorization(presenter: browser.presenter))
            let back = try #require(URL(string: "http://127.0.0.1:1/authorized"))
            await session.returnAfterAuthorization(to: back)
            let submitted = Task { await Self.submitted(session) }
            while browser.urls.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            guard case let .authorizing(step) = await session.state else { Issue.record("not authorizing"); return }
            #expect(step.url == browser.urls[0])
            #expect(!step.openedInBrowser && step.lead == "Open this link in a browser to authorize OAuth Demo:")
            #expect(await session.snapshot.choices.map(\.kind) == [.stopChecking, .quit])
            #expect(browser.urls[0].absoluteString.contains("client_id=") && !browser.urls[0].absoluteString.contains("client_secret"))
            let client = HTTPClient()
            guard case let .success(redirect) = await client.send(.init(url: browser.urls[0]), timeout: .seconds(5), responseLimit: 1 << 16),
                  let callback = redirect.header("Location").flatMap(URL.init(string:)),
                  case let .success(answer) = await client.send(.init(url: callback), timeout: .seconds(5), responseLimit: 1 << 16)
            else { Issue.record("the provider or the callback did not answer"); return }
            #expect(answer.status == 200)
            #expect(answer.header("Refresh") == "0;url=\(back.absoluteString)")
            #expect(answer.header("Referrer-Policy") == "no-referrer")
            guard case .saved = await submitted.value.state else { Issue.record("not saved"); return }
        }
    }

    @Test func withoutAReturnAddressTheCallbackLeadsNowhere() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let browser = FollowingPresenter()
            let session = try await Self.codeFlowSession(TemporaryStore(), provider: url,
                                                         authorization: OAuthAuthorization(presenter: browser.presenter))
            guard case .saved = await Self.submitted(session).state else { Issue.record("not saved"); return }
            for _ in 0..<250 where browser.callbackPages.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            let page = try #require(browser.callbackPages.first)
            #expect(page.text.hasPrefix("authorized") && !page.text.contains("going back"))
        }
    }

    @Test func callbacksWithoutCodeOrErrorAreIgnoredAndTheFirstDecisiveOneWins() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let browser = FollowingPresenter(follows: false)
            let session = try await Self.codeFlowSession(store, provider: url, authorization: OAuthAuthorization(presenter: browser.presenter))
            let submitted = Task { await Self.submitted(session) }
            while browser.urls.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            let authorizationURL = browser.urls[0]
            let redirect = try #require(OAuthFlowTests.query(authorizationURL, "redirect_uri").flatMap(URL.init(string:)))
            let prefetch = await HTTPClient().send(.init(url: redirect), timeout: .seconds(5), responseLimit: 1024)
            #expect((try? prefetch.get().status) == 200)
            let page = await FakeOAuthProvider.browse(authorizationURL)
            #expect(page?.status == 200)
            guard case .saved = await submitted.value.state else { Issue.record("not saved"); return }
            #expect(provider.tokenRequests.count == 1)
        }
    }

    /// Where the callback cannot reach this machine (a browser elsewhere), the address the browser
    /// was sent back to, pasted, answers the step as the callback would have; one without the
    /// provider's answer is refused and the wait goes on.
    @Test func aPastedRedirectAnswersTheStepAndOneWithoutAnAnswerIsRefused() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let browser = FollowingPresenter(follows: false)
            let session = try await Self.codeFlowSession(store, provider: url, authorization: OAuthAuthorization(presenter: browser.presenter))
            let submitted = Task { await Self.submitted(session) }
            let waiting = await session.first { if case .authorizing = $0.state { true } else { false } }
            guard case let .authorizing(step) = waiting.state else { Issue.record("not authorizing"); return }
            #expect(step.pasteRefusal == nil)
            guard case let .success(redirect) = await HTTPClient().send(.init(url: step.url), timeout: .seconds(5), responseLimit: 1 << 16),
                  let location = redirect.header("Location")
            else { Issue.record("the provider did not redirect"); return }
            let callback = try #require(URL(string: location))
            let bare = try #require(URL(string: "/oauth/callback", relativeTo: callback)?.absoluteString)
            for refused in ["not an address", bare, callback.absoluteString.replacingOccurrences(of: "?", with: "#")] {
                let answer = await session.answerAuthorization(pasted: refused)
                guard case let .authorizing(after) = answer.state else { Issue.record("no longer authorizing: \(answer.state)"); return }
                #expect(after.pastedAddressRefused == .notARedirect, "\(refused)")
                #expect(after.pasteRefusal == PastedRedirectRefusal.notARedirect.message)
            }
            _ = await session.answerAuthorization(pasted: "  " + location + "\n")
            guard case .saved = await submitted.value.state else { Issue.record("not saved"); return }
            let refresh = try #require(try store.store().open("oauth_demo").options.first { $0.0 == "refresh_token" }?.1.stringValue)
            #expect(provider.isLive(refreshToken: refresh))
            // The callback itself now says it came too late.
            let late = await HTTPClient().send(.init(url: callback), timeout: .seconds(5), responseLimit: 1024)
            #expect((try? late.get().status) != 200)
        }
    }

    /// A pasted address with another run's `state` is refused on the step, and the wait goes on.
    @Test func aPastedRedirectOfAnotherRunIsRefusedAndTheWaitGoesOn() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let browser = FollowingPresenter(follows: false)
            let session = try await Self.codeFlowSession(TemporaryStore(), provider: url,
                                                         authorization: OAuthAuthorization(presenter: browser.presenter))
            let submitted = Task { await Self.submitted(session) }
            _ = await session.first { if case .authorizing = $0.state { true } else { false } }
            let answer = await session.answerAuthorization(pasted: "http://127.0.0.1:1/oauth/callback?code=c-1&state=another-run")
            guard case let .authorizing(step) = answer.state else { Issue.record("not waiting: \(answer.state)"); return }
            #expect(step.pastedAddressRefused == .otherState)
            #expect(step.pasteRefusal == PastedRedirectRefusal.otherState.message)
            _ = await session.cancel()
            guard case .cancelled = await submitted.value.state else { Issue.record("not cancelled"); return }
        }
    }

    static func query(_ url: URL, _ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }
}
