import FakeOAuthProvider
import Foundation
@testable import LakeflowAuthCore
import Synchronization
import Testing

/// `--device` (RFC 8628): the code and the page to enter it on, then polls that honour `interval`,
/// `slow_down`, `authorization_pending`, `expires_in` and `access_denied`.
@Suite(.timeLimit(.minutes(1)))
struct OAuthDeviceGrantTests {
    /// The code flow fixture, its block given a device endpoint on the provider.
    static func deviceSpec(declaresEndpoint: Bool = true) throws -> ConnectorSpec {
        var spec = try OAuthFixtures.codeFlowSpec()
        guard case var .object(members)? = spec.oauth else { throw FixtureProblem() }
        if declaresEndpoint { members.append(("device_authorization_url", .string("{base_url}/device"))) }
        spec.oauth = .object(members)
        return spec
    }

    struct FixtureProblem: Error {}

    /// Shows the code like a person would read it, and approves it at its page.
    final class ApprovingPerson: Sendable {
        private let shown = Mutex<[OAuthDeviceAuthorization]>([])
        let approves: Bool

        init(approves: Bool = true) { self.approves = approves }

        var codes: [OAuthDeviceAuthorization] { shown.withLock { $0 } }

        var presenter: OAuthAuthorization.DevicePresenter {
            { code in
                self.shown.withLock { $0.append(code) }
                guard self.approves else { return }
                Task { _ = await FakeOAuthProvider.approve(code.verificationURI, userCode: code.userCode) }
            }
        }
    }

    static func session(_ store: TemporaryStore, provider url: URL, person: ApprovingPerson, spec: ConnectorSpec,
                        endpoint: String? = nil) async -> SetupSession {
        let presenter = FollowingPresenter()
        let session = SetupSession(form: Form(spec: spec), store: store.store(), check: SetupSession.declaredCheck(of: spec),
                                   authorization: OAuthAuthorization(presenter: presenter.presenter)
                                       .viaDevice(presenter: person.presenter, endpoint: endpoint))
        _ = await session.set("base_url", url.absoluteString)
        _ = await session.set("client_id", FakeOAuthProvider.Behaviour().clientID)
        _ = await session.set("client_secret", FakeOAuthProvider.Behaviour().clientSecret)
        return session
    }

    @Test func theCodeIsShownAndThePollsEndInTheRefreshTokenStored() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let store = TemporaryStore()
            let person = ApprovingPerson()
            let session = await Self.session(store, provider: url, person: person, spec: try Self.deviceSpec())
            guard case let .saved(saved) = await OAuthFlowTests.submitted(session).state else { Issue.record("not saved"); return }
            #expect(saved.summary.hasPrefix("connected to OAuth Demo as alice"))
            let code = try #require(person.codes.first)
            #expect(code.userCode.hasPrefix("WDJB-"))
            #expect(code.verificationURI.absoluteString == url.absoluteString + "/device-page")
            #expect(code.verificationURIComplete?.absoluteString == url.absoluteString + "/device-page?user_code=" + code.userCode)
            #expect(provider.authorizationQueries.isEmpty)
            #expect(provider.tokenRequests.allSatisfy { $0.grant == "urn:ietf:params:oauth:grant-type:device_code" })
            let envelope = try store.store().open("oauth_demo")
            let refresh = try #require(envelope.options.first { $0.0 == "refresh_token" }?.1.stringValue)
            #expect(provider.isLive(refreshToken: refresh))
        }
    }

    @Test func anEndpointGivenFromOutsideServesASpecThatNamesNone() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let session = await Self.session(TemporaryStore(), provider: url, person: ApprovingPerson(),
                                             spec: try Self.deviceSpec(declaresEndpoint: false), endpoint: "{base_url}/device")
            guard case .saved = await OAuthFlowTests.submitted(session).state else { Issue.record("not saved"); return }
        }
    }

    @Test func withoutAnEndpointTheMessageNamesTheEnvVar() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let session = await Self.session(TemporaryStore(), provider: url, person: ApprovingPerson(),
                                             spec: try Self.deviceSpec(declaresEndpoint: false))
            let failure = try #require(OAuthFlowTests.failure(await OAuthFlowTests.submitted(session)))
            #expect(failure.exitStatus == .badInput)
            #expect(failure.message == "oauth_demo's oauth block names no device_authorization_url, and OAUTH_DEMO_DEVICE_AUTHORIZATION_URL is not set")
            #expect(provider.tokenRequests.isEmpty)
        }
    }

    @Test func aRefusedCodeIsRejected() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.deniesAuthorization = true
        try await OAuthFixtures.withProvider(behaviour) { _, url in
            let session = await Self.session(TemporaryStore(), provider: url, person: ApprovingPerson(), spec: try Self.deviceSpec())
            let failure = try #require(OAuthFlowTests.failure(await OAuthFlowTests.submitted(session)))
            #expect(failure.exitStatus == .rejected)
            #expect(failure.message.hasPrefix("authorization was denied at 127.0.0.1:"))
        }
    }

    /// The polling rules alone, on a clock that moves without waiting.
    @Test func pollsWaitTheIntervalFiveSecondsMoreAfterSlowDownAndStopWhenTheCodeExpires() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.deviceInterval = 2
        behaviour.deviceExpiresIn = 20
        behaviour.slowsDownFirstPoll = true
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let clock = SteppingClock()
            let client = OAuthTokenClient(endpoint: url.appendingPathComponent("token"), clientID: behaviour.clientID,
                                          clientSecret: behaviour.clientSecret)
            let code = try await client.deviceAuthorization(at: url.appendingPathComponent("device"), scopes: "read")
            #expect(code.lifetime == .seconds(20))
            // Nobody approves: 2 s, slow_down, then 7 s, 7 s; the next poll would be past 20 s.
            await #expect(throws: OAuthError.deviceCodeExpired(seconds: 20)) { _ = try await code.poll(client, clock: clock) }
            #expect(clock.sleeps == [.seconds(2), .seconds(7), .seconds(7), .seconds(7)])
            #expect(provider.devicePolls.first?.count == 3)
            #expect(OAuthError.deviceCodeExpired(seconds: 20).exitStatus == .unreachable)
        }
    }

    @Test func anIntervalThatWouldPollWithoutPauseIsOneSecond() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.deviceInterval = 0
        behaviour.deviceExpiresIn = 3
        try await OAuthFixtures.withProvider(behaviour) { _, url in
            let clock = SteppingClock()
            let client = OAuthTokenClient(endpoint: url.appendingPathComponent("token"), clientID: behaviour.clientID,
                                          clientSecret: behaviour.clientSecret)
            let code = try await client.deviceAuthorization(at: url.appendingPathComponent("device"), scopes: nil)
            await #expect(throws: OAuthError.self) { _ = try await code.poll(client, clock: clock) }
            #expect(clock.sleeps.allSatisfy { $0 == .seconds(1) })
        }
    }

    @Test func anApprovalBetweenPollsEndsThem() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let behaviour = provider.behaviour
            let clock = SteppingClock()
            let client = OAuthTokenClient(endpoint: url.appendingPathComponent("token"), clientID: behaviour.clientID,
                                          clientSecret: behaviour.clientSecret)
            let code = try await client.deviceAuthorization(at: url.appendingPathComponent("device"), scopes: nil)
            clock.onSleep = { count in
                if count == 3 { _ = await FakeOAuthProvider.approve(code.verificationURI, userCode: code.userCode) }
            }
            let tokens = try await code.poll(client, clock: clock)
            #expect(provider.isLive(accessToken: tokens.accessToken))
            #expect(clock.sleeps.count == 3)
        }
    }

    @Test func anAnswerWithoutTheCodesIsAWrongAnswer() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let client = OAuthTokenClient(endpoint: url.appendingPathComponent("token"), clientID: provider.behaviour.clientID,
                                          clientSecret: provider.behaviour.clientSecret)
            // The token endpoint answers a device request with an error, not with codes.
            await #expect(throws: OAuthError.self) {
                _ = try await client.deviceAuthorization(at: url.appendingPathComponent("api/me"), scopes: nil)
            }
        }
    }
}

/// A clock whose sleeps return at once, moving its time on by what was asked; it records each sleep.
final class SteppingClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex((now: Instant(offset: .zero), sleeps: [Duration]()))
    /// Called after each sleep with how many there were, before the sleeper goes on.
    var onSleep: (@Sendable (Int) async -> Void)?

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let count = state.withLock { state in
            state.sleeps.append(state.now.duration(to: deadline))
            state.now = max(state.now, deadline)
            return state.sleeps.count
        }
        await onSleep?(count)
    }
}
