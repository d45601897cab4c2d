import Foundation
import LakeflowAuthCore
import Synchronization
import Testing

/// The one setup flow every front end drives, with scripted checks and no terminal.
@Suite(.timeLimit(.minutes(1)))
struct SetupSessionTests {
    static let spec = Sample.spec

    static func answer(_ outcome: ProbeOutcome, concerning options: [String] = []) -> ProbeResult {
        ProbeResult(outcome: outcome, source: "Acme", authMethod: "api_key", status: outcome == .verified ? 200 : 401,
                    identity: outcome == .verified ? "alice" : nil, concernedOptions: options)
    }

    /// A check that answers from a script, one answer a call, and counts its calls.
    final class ScriptedCheck: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [ProbeResult]
        private(set) var calls = 0

        init(_ answers: [ProbeResult]) { self.answers = answers }

        var check: SetupSession.Check {
            { _ in
                self.lock.withLock {
                    self.calls += 1
                    return self.answers.removeFirst()
                }
            }
        }
    }

    /// A check that answers only once it is let go, so a test sees the session while it runs.
    final class HeldCheck: Sendable {
        private let (released, release) = AsyncStream<Void>.makeStream()
        private let started = Mutex(false)

        var hasStarted: Bool { started.withLock { $0 } }

        var check: SetupSession.Check {
            { _ in
                self.started.withLock { $0 = true }
                for await _ in self.released { break }
                return SetupSessionTests.answer(.verified)
            }
        }

        func letGo() { release.yield() }
    }

    static func session(_ store: TemporaryStore, check: SetupSession.Check?, passphrase: String? = nil,
                        asksForPassphrase: Bool = true) async throws -> SetupSession {
        let session = SetupSession(form: Form(spec: spec), store: store.store(passphrase: passphrase), check: check,
                                   asksForPassphrase: asksForPassphrase)
        _ = await session.set("api_key", "sk_live_0123456789abcdef")
        return session
    }

    /// Submits and waits for the session to need the person again or to end.
    static func submitted(_ session: SetupSession) async -> SetupSnapshot {
        _ = await session.submit()
        return await session.settled()
    }

    @Test func aSubmitAnswersAtOnceWithTheCheckUnderWayAndItsEndFollows() async throws {
        let store = TemporaryStore()
        let held = HeldCheck()
        let session = try await Self.session(store, check: held.check)
        let updates = await session.updates()
        let answered = await session.submit()
        guard case .checking = answered.state else { Issue.record("not checking: \(answered.state)"); return }
        #expect(!store.store().hasStored("acme"), "nothing is saved while the check runs")
        #expect(answered.choices.map(\.label) == ["Stop checking", "Quit"])
        held.letGo()
        var seen: [String] = []
        var versions: [Int] = []
        for await snapshot in updates {
            versions.append(snapshot.version)
            switch snapshot.state {
            case .editing: seen.append("editing")
            case .checking: seen.append("checking")
            case .saved: seen.append("saved")
            default: seen.append("other")
            }
            if snapshot.state.isFinished { break }
        }
        #expect(seen == ["editing", "checking", "saved"], "every step reaches a reader of the stream, in order")
        #expect(versions == versions.sorted() && Set(versions).count == versions.count)
        guard case let .saved(saved) = await session.state else { Issue.record("not saved"); return }
        #expect(saved.path == store.location.credentialPath("acme"))
        #expect(saved.summary.hasPrefix("connected to Acme as alice"))
        #expect(saved.headline == "Connected as alice")
        #expect(saved.placeNote == "saved to \(saved.path)")
        let envelope = try store.store().open("acme")
        #expect(envelope.probe?.ok == true)
        #expect(envelope.options.map(\.0) == ["api_key"])
    }

    @Test func anInvalidFormStaysInEditingWithItsErrorsAndChecksNothing() async throws {
        let store = TemporaryStore()
        let script = ScriptedCheck([])
        let session = SetupSession(form: Form(spec: Self.spec), store: store.store(), check: script.check)
        let snapshot = await session.submit()
        guard case .editing = snapshot.state else { Issue.record("left editing: \(snapshot.state)"); return }
        #expect(snapshot.invalid?.errors == [FieldError(option: "api_key", problem: .missing)])
        #expect(snapshot.form.fieldStates.first?.error?.problem == .missing)
        #expect(script.calls == 0)
        #expect(!store.store().hasStored("acme"))
    }

    @Test func aFailedCheckMarksItsFieldsOffersTheCoresChoicesThenEditAndRetrySave() async throws {
        let store = TemporaryStore()
        let script = ScriptedCheck([Self.answer(.rejected, concerning: ["api_key"]), Self.answer(.verified)])
        let session = try await Self.session(store, check: script.check)
        var snapshot = await Self.submitted(session)
        guard case let .checkFailed(failure) = snapshot.state else { Issue.record("not failed: \(snapshot.state)"); return }
        #expect(failure.exitStatus == .rejected)
        #expect(failure.mayBeSavedUnverified)
        #expect(snapshot.choices.map(\.label) == ["Retry", "Edit", "Save unverified", "Quit"])
        #expect(snapshot.choices.map(\.key) == ["r", "e", "s", "q"])
        #expect(snapshot.form.fieldStates.first { $0.option.name == "api_key" }?.concernedByCheck == true)
        #expect(!store.store().hasStored("acme"), "nothing is saved before the person decides")
        snapshot = await session.edit()
        guard case .editing = snapshot.state else { Issue.record("edit did not return to the form"); return }
        snapshot = await session.set("api_key", "sk_live_another_key_0000")
        #expect(snapshot.form.fieldStates.allSatisfy { !$0.concernedByCheck })
        snapshot = await Self.submitted(session)
        guard case .saved = snapshot.state else { Issue.record("retry did not save: \(snapshot.state)"); return }
        #expect(script.calls == 2)
        #expect(try store.store().open("acme").credentials["api_key"] == .string("sk_live_another_key_0000"))
    }

    @Test func savingUnverifiedKeepsTheFailureOnRecordAndSaysSo() async throws {
        let store = TemporaryStore()
        let script = ScriptedCheck([Self.answer(.unreachable(.connectionRefused))])
        let session = try await Self.session(store, check: script.check)
        _ = await Self.submitted(session)
        let snapshot = try await session.saveUnverified()
        guard case let .saved(saved) = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
        #expect(saved.summary == "saved unverified to \(store.location.credentialPath("acme"))")
        #expect(saved.headline == "Saved unverified")
        #expect(saved.checkNote.hasPrefix("kept although the check did not pass: "))
        #expect(try store.store().open("acme").probe?.ok == false)
    }

    @Test func aRequestRefusedBeforeSendingCannotBeSavedUnverified() async throws {
        let store = TemporaryStore()
        let refused: SetupSession.Check = { _ in
            throw ProbeRefusal(connector: "acme", problem: .insecure(host: "example.com"), options: ["base_url"])
        }
        let session = try await Self.session(store, check: refused)
        let snapshot = await Self.submitted(session)
        guard case let .checkFailed(failure) = snapshot.state else { Issue.record("not failed: \(snapshot.state)"); return }
        #expect(!failure.mayBeSavedUnverified)
        #expect(failure.exitStatus == .badInput)
        #expect(!snapshot.choices.contains { $0.kind == .saveUnverified }, "the choice is not offered")
        await #expect(throws: SetupError.self) { try await session.saveUnverified() }
        #expect(!store.store().hasStored("acme"))
    }

    @Test func noCheckSavesWithoutAskingAndNothingSaysCheck() async throws {
        let store = TemporaryStore()
        let session = try await Self.session(store, check: nil)
        let editing = await session.snapshot
        #expect(!editing.checksCredentials)
        #expect(editing.choices.map(\.label) == ["Save", "Quit"])
        #expect(editing.saveChoice.detail == "save encrypted on this machine, unverified (--no-probe)")
        let snapshot = await session.submit()
        guard case let .saved(saved) = snapshot.state else { Issue.record("not saved"); return }
        #expect(saved.summary.hasPrefix("saved unverified (--no-probe)"))
        #expect(!(saved.headline + saved.checkNote + saved.placeNote).lowercased().contains("check"))
    }

    @Test func aCheckInFlightCanBeCancelledAndItsLateAnswerIsDropped() async throws {
        let store = TemporaryStore()
        let held = HeldCheck()
        let session = try await Self.session(store, check: held.check)
        _ = await session.submit()
        while !held.hasStarted { try await Task.sleep(for: .milliseconds(5)) }
        let cancelled = await session.cancelCheck()
        guard case .editing = cancelled.state else { Issue.record("cancel did not return to the form"); return }
        held.letGo()
        try await Task.sleep(for: .milliseconds(100))
        guard case .editing = await session.state else { Issue.record("the cancelled check still ended in \(await session.state)"); return }
        #expect(!store.store().hasStored("acme"))
    }

    @Test func theIdentityIsUnlockedBeforeTheCheckAWrongPassphraseIsAskedAgainAndAnEmptyOneIsNoAttempt() async throws {
        let store = TemporaryStore()
        _ = try store.store(passphrase: "right horse").publicKey()
        let script = ScriptedCheck([Self.answer(.verified)])
        let session = try await Self.session(store, check: script.check)
        var snapshot = await session.submit()
        guard case .needsPassphrase(attempt: 1) = snapshot.state else { Issue.record("not asked: \(snapshot.state)"); return }
        #expect(snapshot.identityPath == store.location.identityPath)
        #expect(snapshot.passphraseRetryNote == nil)
        #expect(snapshot.choices.map(\.kind) == [.unlock, .quit])
        #expect(script.calls == 0, "the passphrase is asked before anything is sent")
        snapshot = await session.unlock("")
        guard case .needsPassphrase(attempt: 1) = snapshot.state else { Issue.record("an empty answer counted: \(snapshot.state)"); return }
        snapshot = await session.unlock("wrong battery")
        guard case .needsPassphrase(attempt: 2) = snapshot.state else { Issue.record("not asked again: \(snapshot.state)"); return }
        #expect(snapshot.passphraseRetryNote == "that passphrase does not open the identity; try again (attempt 2 of 3)")
        _ = await session.unlock("right horse")
        snapshot = await session.settled()
        guard case .saved = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
        #expect(script.calls == 1)
    }

    @Test func threeWrongPassphrasesEndTheSetupWithTheStoreErrorAndCheckNothing() async throws {
        let store = TemporaryStore()
        _ = try store.store(passphrase: "right horse").publicKey()
        let script = ScriptedCheck([Self.answer(.verified)])
        let session = try await Self.session(store, check: script.check)
        _ = await session.submit()
        for attempt in 1...3 { _ = await session.unlock("wrong \(attempt)") }
        let snapshot = await session.snapshot
        guard case let .failed(error) = snapshot.state else { Issue.record("not failed: \(snapshot.state)"); return }
        let storeError = try #require(error as? StoreError)
        #expect(storeError == .passphrasesRefused(path: store.location.identityPath, attempts: 3))
        #expect(storeError.hints.allSatisfy { !$0.contains(IdentityKeeper.passphraseVariable) }, "the variable is not set")
        #expect(storeError.exitStatus == .storeFailure)
        #expect(script.calls == 0)
        #expect(snapshot.form.values["api_key"] == "sk_live_0123456789abcdef", "what was typed is kept")
    }

    @Test func withNobodyToAskAProtectedIdentityFailsWithTheStoreError() async throws {
        let store = TemporaryStore()
        _ = try store.store(passphrase: "right horse").publicKey()
        let session = try await Self.session(store, check: nil, asksForPassphrase: false)
        guard case let .failed(error) = await session.submit().state else { Issue.record("did not fail"); return }
        #expect(error as? StoreError == .passphraseRequired(path: store.location.identityPath))
    }

    @Test func prefillStartsFromStoredCredentialsThenEnvVarsAndSaysWhereEachCameFrom() async throws {
        let store = TemporaryStore()
        try store.store().save(Sample.envelope())
        let session = SetupSession(form: Form(spec: Self.spec), store: store.store(), check: nil)
        let snapshot = await session.prefill(environment: ["ACME_REGION": "us"], authMethod: nil)
        #expect(snapshot.form.authMethod?.name == "api_key")
        #expect(snapshot.form.authMethodOrigin == .stored)
        #expect(snapshot.form.values["api_key"] == "sk_live_0123456789abcdef")
        #expect(snapshot.form.values["region"] == "us", "an env var set for this run wins over the stored value")
        let origins = Dictionary(uniqueKeysWithValues: snapshot.form.fieldStates.map { ($0.option.name, $0.origin) })
        #expect(origins["api_key"] == .stored && origins["region"] == .environment)
        #expect(snapshot.editingNote == "editing the saved credentials of 2025-06-15T15:06:40Z")
        let flagged = SetupSession(form: Form(spec: Self.spec), store: store.store(), check: nil)
        #expect(await flagged.prefill(environment: [:], authMethod: "api_key").form.authMethodOrigin == .typed)
    }

    @Test func aProtectedIdentityIsUnlockedBeforeTheStoredValuesShow() async throws {
        let store = TemporaryStore()
        try store.store(passphrase: "right horse").save(Sample.envelope())
        let session = SetupSession(form: Form(spec: Self.spec), store: store.store(), check: nil)
        var snapshot = await session.prefill(environment: [:], authMethod: nil)
        guard case .needsPassphrase(attempt: 1) = snapshot.state else { Issue.record("not asked: \(snapshot.state)"); return }
        #expect(snapshot.form.values.isEmpty)
        snapshot = await session.unlock("right horse")
        guard case .editing = snapshot.state else { Issue.record("not editing: \(snapshot.state)"); return }
        #expect(snapshot.form.values["api_key"] == "sk_live_0123456789abcdef")
    }

    @Test func cancelEndsWithNothingSavedAndQuitAfterAFailedCheckKeepsItsStatus() async throws {
        let store = TemporaryStore()
        let session = try await Self.session(store, check: nil)
        guard case .cancelled(.byPerson) = await session.cancel().state else { Issue.record("not cancelled"); return }
        guard case .cancelled = await session.submit().state else { Issue.record("a cancelled session saved"); return }
        #expect(!store.store().hasStored("acme"))

        let failing = try await Self.session(store, check: ScriptedCheck([Self.answer(.forbidden)]).check)
        _ = await Self.submitted(failing)
        guard case let .cancelled(reason) = await failing.cancel().state else { Issue.record("not cancelled"); return }
        #expect(reason.exitStatus == .rejected)
        #expect(reason.message.hasPrefix("nothing was saved: the credentials are valid but lack permission"))
    }

    @Test func cancelWhileThePassphraseIsAskedEndsTheSetup() async throws {
        let store = TemporaryStore()
        _ = try store.store(passphrase: "right horse").publicKey()
        let session = try await Self.session(store, check: nil)
        _ = await session.submit()
        guard case .cancelled(.byPerson) = await session.cancel().state else { Issue.record("not cancelled"); return }
        guard case .cancelled = await session.unlock("right horse").state else { Issue.record("unlocked after the end"); return }
    }

    /// A front end on a thread of its own sends actions and reads the mailbox: the actions apply in
    /// the order sent, and the wait for one ends when it has applied.
    @Test func actionsSentFromAThreadApplyInOrderAndTheMailboxHasTheirSnapshot() async throws {
        let store = TemporaryStore()
        let session = SetupSession(form: Form(spec: Self.spec), store: store.store(), check: nil)
        let (last, applied): (SetupSnapshot, Bool) = await withCheckedContinuation { continuation in
            Thread {
                var ticket = 0
                for index in 0..<50 { ticket = session.send(.set(option: "workspace", value: "ws-\(index)")) }
                session.send(.leave(option: "workspace"))
                ticket = session.send(.set(option: "api_key", value: "k"))
                // Long enough for a pool busy with other suites to run the session's worker.
                continuation.resume(returning: session.mailbox.wait(for: ticket, timeout: .seconds(45)))
            }.start()
        }
        #expect(applied)
        #expect(last.form.values["workspace"] == "ws-49")
        #expect(last.form.values["api_key"] == "k")
        #expect(session.mailbox.latest.version == last.version)
        let nothing = session.send(.edit)
        #expect(session.mailbox.wait(for: nothing, timeout: .seconds(45)).applied, "an action that changes nothing still answers")
    }

    static func saved(_ snapshot: SetupSnapshot) -> SavedSetup? {
        guard case let .saved(saved) = snapshot.state else { return nil }
        return saved
    }

    @Test func theFirstSaveSaysOnceWhatTheIdentityIs() async throws {
        let store = TemporaryStore()
        let first = try #require(Self.saved(await Self.submitted(try await Self.session(store, check: nil))))
        let notice = try #require(first.identityNotice)
        #expect(notice.created)
        #expect(notice.identityPath == store.location.identityPath && notice.recipientsPath == store.location.recipientsPath)
        #expect(notice.message.hasPrefix("created \(store.location.identityPath), this machine's identity"))
        #expect(notice.hints.last?.contains(store.location.recipientsPath) == true)
        let again = try #require(Self.saved(await Self.submitted(try await Self.session(store, check: nil))))
        #expect(again.identityNotice == nil)
    }

    /// An identity made by a setup that then saved nothing (the check failed, the person quit) is still
    /// named when the first credentials are saved.
    @Test func theFirstCredentialsNameAnIdentityMadeBefore() async throws {
        let store = TemporaryStore()
        let failed = await Self.submitted(try await Self.session(store, check: ScriptedCheck([Self.answer(.rejected)]).check))
        guard case .checkFailed = failed.state else { Issue.record("not failed: \(failed.state)"); return }
        #expect(FileManager.default.fileExists(atPath: store.location.identityPath))
        let saved = try #require(Self.saved(await Self.submitted(try await Self.session(store, check: nil))))
        let notice = try #require(saved.identityNotice)
        #expect(!notice.created)
        #expect(notice.message == "every credential stored here is encrypted to this machine's identity, \(store.location.identityPath): "
            + "losing it loses them all")
    }
}
