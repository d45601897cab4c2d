import Foundation
@testable import LakeflowAuthCore
import Testing

/// A check that found no way to the source's machine adds that this one may be offline, and how each
/// front end saves anyway; never for a loopback address, nor for an answer that came.
@Suite(.timeLimit(.minutes(1)))
struct OfflineHintTests {
    /// What the probe makes of a failure on the wire, asking `baseURL`.
    static func judged(_ failure: ProbeOutcome.NetworkFailure, baseURL: String) throws -> ProbeResult {
        let spec = try ProbeFixtures.spec("acme")
        let credentials = Credentials(connector: "acme", authMethod: "api_key", values: [
            ("api_key", .string("k-123")), ("workspace", .string("demo")), ("base_url", .string(baseURL)),
        ])
        var exchange = ProbeExchange()
        exchange.failure = failure
        return ProbeJudgement(
            source: spec.title, method: "api_key", request: try ProbeFixtures.firstRequest(credentials, spec: spec),
            scrubber: SecretScrubber(secrets: ["k-123"]), responseLimit: 1024,
            concerned: .init(rejected: ["api_key"], notFound: ["base_url", "workspace"], unreachable: ["base_url"])
        ).result(of: exchange, expect: [200], identity: nil)
    }

    @Test(arguments: [ProbeOutcome.NetworkFailure.hostNotFound, .connectionRefused, .timedOut(seconds: 10)])
    func noWayToAnotherMachineMayBeOffline(_ failure: ProbeOutcome.NetworkFailure) throws {
        #expect(try Self.judged(failure, baseURL: "https://api.acme.example").mayBeOffline)
    }

    @Test(arguments: ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"])
    func loopbackNeedsNoNetwork(_ baseURL: String) throws {
        let result = try Self.judged(.connectionRefused, baseURL: baseURL)
        #expect(result.askedLoopback)
        #expect(!result.mayBeOffline)
    }

    @Test(arguments: [ProbeOutcome.NetworkFailure.tls, .noHTTPClient, .other])
    func otherFailuresSayNothingOfIt(_ failure: ProbeOutcome.NetworkFailure) throws {
        #expect(try !Self.judged(failure, baseURL: "https://api.acme.example").mayBeOffline)
        #expect(!ProbeResult(outcome: .rejected, source: "Acme", status: 401, address: "api.acme.example").mayBeOffline)
    }

    static let unreachable = ProbeResult(outcome: .unreachable(.hostNotFound), source: "GitHub", address: "api.github.com")

    @Test func theFormsAreToldOfSaveUnverified() async throws {
        let store = TemporaryStore()
        let session = SetupSession(form: Form(spec: Sample.spec), store: store.store(), check: { _ in Self.unreachable })
        _ = await session.set("api_key", "sk_live_0123456789abcdef")
        let snapshot = await OAuthFlowTests.submitted(session)
        guard case let .checkFailed(failure) = snapshot.state else { Issue.record("not failed: \(snapshot.state)"); return }
        #expect(failure.message == "cannot find the host api.github.com")
        #expect(failure.hints == [
            "this machine may be offline: check its network, or choose \"save unverified\" to keep the credentials without the check",
        ])
        #expect(failure.mayBeSavedUnverified, "the way the hint names is open")
    }

    /// An OAuth token endpoint follows the same rule: another machine out of reach may mean offline,
    /// this one never does.
    @Test(arguments: [("accounts.example.com", true), ("login.example.com:8443", true), ("127.0.0.1:9", false), ("localhost:9", false)])
    func anUnreachableTokenEndpointMayBeOffline(_ host: String, _ offline: Bool) {
        let failure = CheckFailure(oauth: .tokenEndpointUnreachable(host: host, .connectionRefused), signInPending: false)
        #expect(failure.mayBeSavedUnverified)
        #expect(failure.hints == [offline ? OfflineHint.forms : OfflineHint.keepInForms])
    }

    @Test func headlessIsToldOfNoProbe() async throws {
        let store = TemporaryStore()
        var plan = SetupPlan(spec: Sample.spec, environment: ["ACME_TOKEN": "sk_live_0123456789abcdef"], authMethod: nil, checks: false)
        plan.check = { _ in Self.unreachable }
        plan.store = store.store()
        let setup = HeadlessSetup(plan: plan)
        let failure = try await #require(throws: HeadlessProbeFailure.self) { try await setup.run() }
        #expect(failure.message == "cannot find the host api.github.com; nothing was saved")
        #expect(failure.hints == [
            "this machine may be offline: check its network, or run again with --no-probe to save the credentials without the check",
        ])
        #expect(failure.exitStatus == .unreachable)
    }

    @Test func theProbeCommandIsToldToTryAgain() {
        let failure = StoredProbeFailure(result: Self.unreachable, connector: "github")
        #expect(failure.hints == ["this machine may be offline: check its network and run the probe again",
                                  "run `lakeflow-auth github` to enter new values"])
    }
}
