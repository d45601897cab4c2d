import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// The wait for the person: answered by the browser's callback or by the address the browser ended on,
/// pasted; the callback's page tells what came of the code; nobody coming back is exit 4, not 130.
@Suite(.timeLimit(.minutes(1)))
struct OAuthWaitTests {
    /// A session waiting for its code flow, the link it showed, and its wait, which takes pasted
    /// addresses (from a reader of standard input, or the session's own action).
    static func waiting(_ store: TemporaryStore, provider url: URL, secret: String = FakeOAuthProvider.Behaviour().clientSecret)
        async throws -> (SetupSession, Task<SetupSnapshot, Never>, URL, OAuthAuthorizationWait) {
        let browser = FollowingPresenter(follows: false)
        let session = try await OAuthFlowTests.codeFlowSession(
            store, provider: url, secret: secret, authorization: OAuthAuthorization(presenter: browser.presenter))
        let submitted = Task { await OAuthFlowTests.submitted(session) }
        while browser.urls.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        return (session, submitted, browser.urls[0], session.authorizationWait)
    }

    @Test func thePastedAddressAnswersTheWaitAfterRefusalsThatDoNotEndIt() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let (_, submitted, link, wait) = try await Self.waiting(store, provider: url)
            let ended = try #require(await FakeOAuthProvider.redirectAddress(of: link))
            let state = try #require(URLComponents(string: ended)?.queryItems?.first { $0.name == "state" }?.value)

            // The authorization link itself carries this run's state, but no answer.
            #expect(throws: PastedRedirectRefusal.notARedirect) { try wait.answer(pasted: link.absoluteString) }
            #expect(throws: PastedRedirectRefusal.notARedirect) { try wait.answer(pasted: "this site can't be reached") }
            #expect(throws: PastedRedirectRefusal.otherState) {
                try wait.answer(pasted: ended.replacingOccurrences(of: "state=\(state)", with: "state=another-run"))
            }
            // Pasted with the spaces and line end a terminal adds.
            try wait.answer(pasted: "  " + ended + " \n")
            guard case .saved = await submitted.value.state else { Issue.record("not saved"); return }
            #expect(provider.tokenRequests.map(\.grant) == ["authorization_code"])
            #expect(throws: PastedRedirectRefusal.nothingWaiting) { try wait.answer(pasted: ended) }
        }
    }

    @Test func onlyTheQueryMayBePastedAndTheBrowserComingLaterIsTooLate() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let (_, submitted, link, wait) = try await Self.waiting(store, provider: url)
            let ended = try #require(await FakeOAuthProvider.redirectAddress(of: link))
            let query = try #require(ended.split(separator: "?", maxSplits: 1).last)
            try wait.answer(pasted: "?" + query)
            // The browser finds its way back after all: the wait was answered.
            let late = await HTTPClient().send(.init(url: try #require(URL(string: ended))), timeout: .seconds(5), responseLimit: 4096)
            guard case .saved = await submitted.value.state else { Issue.record("not saved"); return }
            if case let .success(page) = late { #expect(page.status == 409) }
            #expect(provider.tokenRequests.count == 1)
        }
    }

    @Test func aPastedRefusalOfTheProviderEndsTheRunWithIt() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.deniesAuthorization = true
        try await OAuthFixtures.withProvider(behaviour) { _, url in
            let (_, submitted, link, wait) = try await Self.waiting(TemporaryStore(), provider: url)
            try wait.answer(pasted: try #require(await FakeOAuthProvider.redirectAddress(of: link)))
            let failure = try #require(OAuthFlowTests.failure(await submitted.value))
            #expect(failure.message == "authorization was denied at 127.0.0.1: The user said no")
            #expect(failure.exitStatus == .rejected)
        }
    }

    @Test func theCallbackPageSaysAuthorizedOnlyOnceTheTokenEndpointGranted() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let (_, submitted, link, _) = try await Self.waiting(store, provider: url)
            let page = try #require(await FakeOAuthProvider.browse(link))
            #expect(page.status == 200)
            #expect(page.text == "authorized: you can close this tab and go back to lakeflow-auth")
            // The page was answered after the exchange, not before it.
            #expect(provider.tokenRequests.map(\.grant) == ["authorization_code"])
            guard case .saved = await submitted.value.state else { Issue.record("not saved"); return }
        }
    }

    @Test func aFailedExchangeIsWhatThePageSaysWithoutAnySecret() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let secret = "wrong-secret-5d2e9a71"
            let (_, submitted, link, _) = try await Self.waiting(TemporaryStore(), provider: url, secret: secret)
            let page = try #require(await FakeOAuthProvider.browse(link))
            #expect(page.status == 400)
            #expect(page.text.hasPrefix("not authorized: 127.0.0.1:"))
            #expect(page.text.contains("rejected the client credentials (invalid_client)"))
            #expect(!page.text.contains(secret) && !page.text.contains("code-"))
            let failure = try #require(OAuthFlowTests.failure(await submitted.value))
            #expect(failure.exitStatus == .rejected)
        }
    }

    @Test func aCodeWithoutARefreshTokenIsNotAuthorizedOnThePageEither() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.issuesRefreshTokens = false
        try await OAuthFixtures.withProvider(behaviour) { _, url in
            let (_, submitted, link, _) = try await Self.waiting(TemporaryStore(), provider: url)
            let page = try #require(await FakeOAuthProvider.browse(link))
            #expect(page.status == 400)
            #expect(page.text.contains("granted access but no refresh token"))
            _ = await submitted.value
        }
    }

    @Test func nobodyComingBackIsExit4SayingHowLong() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let browser = FollowingPresenter(follows: false)
            let session = try await OAuthFlowTests.codeFlowSession(
                TemporaryStore(), provider: url,
                authorization: OAuthAuthorization(presenter: browser.presenter, callbackTimeout: .seconds(1)))
            let failure = try #require(OAuthFlowTests.failure(await OAuthFlowTests.submitted(session)))
            #expect(failure.exitStatus == .unreachable)
            #expect(failure.message == "no answer from the browser within 1s")
            #expect(failure.hints.contains { $0.contains("paste the address it ended on") })
        }
    }

    @Test(arguments: [(1, "1s"), (59, "59s"), (60, "1m"), (90, "1m30s"), (300, "5m"), (3600, "1h"), (5400, "90m")])
    func waitsAreToldAsTimeoutTakesThem(_ seconds: Int, _ told: String) {
        #expect(OAuthError.noCallback(seconds: seconds).message == "no answer from the browser within \(told)")
    }

    @Test func onlyAnUnreachableOrGarbledTokenEndpointLeavesTheValuesWorthKeeping() {
        #expect(OAuthError.tokenEndpointUnreachable(host: "id.example", .timedOut).isUnreachable)
        #expect(OAuthError.tokenEndpointAnsweredWrongly(host: "id.example", status: 502, problem: "no tokens").isUnreachable)
        let unreachable = OAuthError.tokenEndpointUnreachable(host: "id.example", .connectionRefused)
        #expect(unreachable.exitStatus == .unreachable)
        #expect(unreachable.hints.contains { $0.contains("--no-probe") })
        for refusal in [OAuthError.tokenRefused(error: "invalid_client", description: nil, host: "id.example"),
                        .deniedAtCallback(error: "access_denied", description: nil, host: "id.example"),
                        .noCallback(seconds: 300), .noRefreshToken(host: "id.example")] {
            #expect(!refusal.isUnreachable, "\(refusal)")
        }
    }
}
