import Foundation
@testable import LakeflowAuthCore
import Synchronization
import Testing

/// `--json`'s events as the one writer makes them from a session's snapshots: in the order of the
/// steps, one JSON object a line, and never a secret.
@Suite(.timeLimit(.minutes(1)))
struct SetupEventTests {
    static let secret = "sk_live_0123456789abcdef"

    /// A writer, and the lines it wrote.
    final class Lines: Sendable {
        private final class Written: Sendable {
            let lines = Mutex<[String]>([])
        }

        private let written = Written()
        let writer: SetupEventWriter

        init() {
            let written = self.written
            writer = SetupEventWriter { line in written.lines.withLock { $0.append(line) } }
        }

        var all: [String] { written.lines.withLock { $0 } }
    }

    static func session(_ store: TemporaryStore, _ lines: Lines, check: SetupSession.Check?) async -> SetupSession {
        let session = SetupSession(form: Form(spec: Sample.spec), store: store.store(), check: check)
        await session.observe(lines.writer.record)
        _ = await session.set("api_key", secret)
        return session
    }

    static func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { line in
            #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { $0 != "\n" }, "one line an event: \(line)")
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    static func expectNoSecret(_ lines: [String]) {
        let scrubber = SecretScrubber(secrets: [secret])
        for line in lines { #expect(!scrubber.revealsFragment(line), "a secret in \(line)") }
    }

    @Test func aCheckThatFailsThenPassesIsCheckingCheckedTwiceThenSaved() async throws {
        let store = TemporaryStore()
        let lines = Lines()
        let answers = Mutex([SetupSessionTests.answer(.rejected, concerning: ["api_key"]), SetupSessionTests.answer(.verified)])
        let session = await Self.session(store, lines, check: { _ in answers.withLock { $0.removeFirst() } })
        _ = await SetupSessionTests.submitted(session)
        _ = await SetupSessionTests.submitted(session)
        let events = try Self.objects(lines.all)
        #expect(events.map { $0["event"] as? String } == ["checking", "checked", "checking", "checked", "saved"])
        #expect(events[1]["passed"] as? Bool == false)
        #expect(events[1]["outcome"] as? String == "rejected")
        #expect(events[1]["exit_status"] as? Int == 3)
        #expect(events[1]["options"] as? [String] == ["api_key"])
        #expect(events[3]["passed"] as? Bool == true)
        #expect(events[3]["identity"] as? String == "alice")
        #expect(events[4]["verified"] as? Bool == true)
        #expect(events[4]["identity"] as? String == "alice")
        #expect((events[4]["path"] as? String)?.hasSuffix("/credentials/acme.age") == true)
        #expect(lines.writer.hasEnded)
        Self.expectNoSecret(lines.all)
    }

    @Test func withoutACheckTheOnlyEventIsSavedUnverified() async throws {
        let store = TemporaryStore()
        let lines = Lines()
        let session = await Self.session(store, lines, check: nil)
        _ = await SetupSessionTests.submitted(session)
        let events = try Self.objects(lines.all)
        #expect(events.map { $0["event"] as? String } == ["saved"])
        #expect(events[0]["verified"] as? Bool == false)
        #expect(events[0]["identity"] is NSNull)
    }

    @Test func theEndOfARunIsWrittenOnceAndNothingAfterIt() async throws {
        let lines = Lines()
        lines.writer.end(with: SetupCancelled.byPerson)
        lines.writer.end(with: StoreError.notFound(connector: "acme", path: "/nowhere/acme.age"))
        lines.writer.write(.checking(connector: "acme", source: "Acme"))
        let events = try Self.objects(lines.all)
        #expect(events.count == 1)
        #expect(events[0]["event"] as? String == "cancelled")
        #expect(events[0]["exit_status"] as? Int == 130)
        #expect(events[0]["message"] as? String == "cancelled; nothing was saved")
    }

    @Test func anErrorCarriesItsMessageHintsAndExitStatus() throws {
        let lines = Lines()
        let error = StoredProbeFailure(result: SetupSessionTests.answer(.rejected), connector: "acme")
        lines.writer.end(with: error)
        let events = try Self.objects(lines.all)
        #expect(events.count == 1)
        #expect(events[0]["event"] as? String == "error")
        #expect(events[0]["message"] as? String == error.message)
        #expect(events[0]["hints"] as? [String] == error.hints)
        #expect(events[0]["exit_status"] as? Int == 3)
        #expect(lines.all[0].hasPrefix(#"{"event":"error","#), "the event's name comes first")
    }

    @Test func anOAuthLinkIsAURLEventOnceAndTheCheckIsNotStartedTwice() throws {
        let form = Form(spec: Sample.spec)
        let snapshot = { (state: SetupState) in
            SetupSnapshot(version: 1, form: form, state: state, editingSavedAt: nil, invalid: nil, identityPath: "/id", checksCredentials: true)
        }
        let step = AuthorizationStep(url: URL(string: "https://provider.example/authorize?state=abc")!, since: .now,
                                     openedInBrowser: false, title: "Acme")
        let started = ContinuousClock.now
        let lines = Lines()
        for state: SetupState in [.editing, .checking(started: started), .authorizing(step), .authorizing(step), .checking(started: started)] {
            lines.writer.record(snapshot(state))
        }
        let events = try Self.objects(lines.all)
        #expect(events.map { $0["event"] as? String } == ["checking", "url"])
        #expect(events[1]["purpose"] as? String == "authorization")
        #expect(events[1]["url"] as? String == step.url.absoluteString)
    }
}
