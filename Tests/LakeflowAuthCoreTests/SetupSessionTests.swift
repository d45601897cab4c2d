import Foundation
import LakeflowAuthCore
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

    static func session(_ store: TemporaryStore, check: SetupSession.Check?, passphrase: String? = nil,
                        prompt: SetupSession.PassphrasePrompt? = nil) async throws -> SetupSession {
        let session = SetupSession(form: Form(spec: spec), store: store.store(passphrase: passphrase), check: check,
                                   passphrasePrompt: prompt)
        _ = try await session.set("api_key", "sk_live_0123456789abcdef")
        return session
    }

    @Test func aPassingCheckSavesAndSaysHow() async throws {
        let store = TemporaryStore()
        let script = ScriptedCheck([Self.answer(.verified)])
        let session = try await Self.session(store, check: script.check)
        let snapshot = try await session.submit()
        guard case let .saved(saved) = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
        #expect(saved.path == store.location.credentialPath("acme"))
        #expect(saved.summary.hasPrefix("connected to Acme as alice"))
        let envelope = try store.store().open("acme")
        #expect(envelope.probe?.ok == true)
        #expect(envelope.options.map(\.0) == ["api_key"])
    }

    @Test func anInvalidFormStaysInEditingWithItsErrorsAndChecksNothing() async throws {
        let store = TemporaryStore()
        let script = ScriptedCheck([])
        let session = SetupSession(form: Form(spec: Self.spec), store: store.store(), check: script.check)
        let snapshot = try await session.submit()
        guard case .editing = snapshot.state else { Issue.record("left editing: \(snapshot.state)"); return }
        #expect(snapshot.invalid?.errors == [FieldError(option: "api_key", problem: .missing)])
        #expect(snapshot.form.fieldStates.first?.error?.problem == .missing)
        #expect(script.calls == 0)
        #expect(!store.store().hasStored("acme"))
    }

    @Test func aFailedCheckMarksItsFieldsThenEditAndRetrySave() async throws {
        let store = TemporaryStore()
        let script = ScriptedCheck([Self.answer(.rejected, concerning: ["api_key"]), Self.answer(.verified)])
        let session = try await Self.session(store, check: script.check)
        var snapshot = try await session.submit()
        guard case let .checkFailed(failure) = snapshot.state else { Issue.record("not failed: \(snapshot.state)"); return }
        #expect(failure.exitStatus == .rejected)
        #expect(failure.mayBeSavedUnverified)
        #expect(snapshot.form.fieldStates.first { $0.option.name == "api_key" }?.concernedByCheck == true)
        #expect(!store.store().hasStored("acme"), "nothing is saved before the person decides")
        snapshot = await session.edit()
        guard case .editing = snapshot.state else { Issue.record("edit did not return to the form"); return }
        snapshot = await session.set("api_key", "sk_live_another_key_0000")
        #expect(snapshot.form.fieldStates.allSatisfy { !$0.concernedByCheck })
        snapshot = try await session.submit()
        guard case .saved = snapshot.state else { Issue.record("retry did not save: \(snapshot.state)"); return }
        #expect(script.calls == 2)
        #expect(try store.store().open("acme").credentials["api_key"] == .string("sk_live_another_key_0000"))
    }

    @Test func savingUnverifiedKeepsTheFailureOnRecord() async throws {
        let store = TemporaryStore()
        let script = ScriptedCheck([Self.answer(.unreachable(.connectionRefused))])
        let session = try await Self.session(store, check: script.check)
        _ = try await session.submit()
        let snapshot = try await session.saveUnverified()
        guard case let .saved(saved) = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
        #expect(saved.summary == "saved unverified to \(store.location.credentialPath("acme"))")
        #expect(try store.store().open("acme").probe?.ok == false)
    }

    @Test func aRequestRefusedBeforeSendingCannotBeSavedUnverified() async throws {
        let store = TemporaryStore()
        let refused: SetupSession.Check = { _ in
            throw ProbeURLError(connector: "acme", problem: .insecure(host: "example.com"), options: ["base_url"])
        }
        let session = try await Self.session(store, check: refused)
        let snapshot = try await session.submit()
        guard case let .checkFailed(failure) = snapshot.state else { Issue.record("not failed: \(snapshot.state)"); return }
        #expect(!failure.mayBeSavedUnverified)
        #expect(failure.exitStatus == .badInput)
        await #expect(throws: SetupError.self) { try await session.saveUnverified() }
        #expect(!store.store().hasStored("acme"))
    }

    @Test func noCheckSavesWithoutAsking() async throws {
        let store = TemporaryStore()
        let session = try await Self.session(store, check: nil)
        #expect(!session.checksCredentials)
        let snapshot = try await session.submit()
        guard case let .saved(saved) = snapshot.state else { Issue.record("not saved"); return }
        #expect(saved.summary.hasPrefix("saved unverified (--no-probe)"))
    }

    @Test func aCheckInFlightCanBeCancelledAndItsLateAnswerIsDropped() async throws {
        let store = TemporaryStore()
        let slow: SetupSession.Check = { _ in
            try await Task.sleep(for: .seconds(30))
            return Self.answer(.verified)
        }
        let session = try await Self.session(store, check: slow)
        let submitted = Task { try await session.submit() }
        while true {
            if case .checking = await session.state { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let cancelled = await session.cancelCheck()
        guard case .editing = cancelled.state else { Issue.record("cancel did not return to the form"); return }
        let ended = try await submitted.value
        guard case .editing = ended.state else { Issue.record("the cancelled check still ended in \(ended.state)"); return }
        #expect(!store.store().hasStored("acme"))
    }

    @Test func theIdentityIsUnlockedBeforeTheCheckAndAWrongPassphraseIsAskedAgain() async throws {
        let store = TemporaryStore()
        _ = try store.store(passphrase: "right horse").publicKey()
        let script = ScriptedCheck([Self.answer(.verified)])
        let prompt: SetupSession.PassphrasePrompt = { _, attempt in
            #expect(script.calls == 0, "the passphrase is asked before anything is sent")
            return attempt == 1 ? "wrong battery" : "right horse"
        }
        let session = try await Self.session(store, check: script.check, prompt: prompt)
        let snapshot = try await session.submit()
        guard case .saved = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
        #expect(script.calls == 1)
    }

    @Test func aPassphraseNobodyKnowsFailsBeforeTheCheckWithTheStoreError() async throws {
        let store = TemporaryStore()
        _ = try store.store(passphrase: "right horse").publicKey()
        let script = ScriptedCheck([Self.answer(.verified)])
        let session = try await Self.session(store, check: script.check, prompt: { _, _ in "wrong" })
        await #expect(throws: StoreError.passphrasesRefused(path: store.location.identityPath, attempts: 3)) { try await session.submit() }
        #expect(script.calls == 0)
        guard case .editing = await session.state else { Issue.record("the form was lost"); return }
        #expect(await session.form.values["api_key"] == "sk_live_0123456789abcdef", "what was typed is kept")
    }

    @Test func prefillStartsFromStoredCredentialsThenEnvVars() async throws {
        let store = TemporaryStore()
        try store.store().save(Sample.envelope())
        let session = SetupSession(form: Form(spec: Self.spec), store: store.store(), check: nil)
        let snapshot = try await session.prefill(environment: ["ACME_REGION": "us"], authMethod: nil)
        #expect(snapshot.form.authMethod?.name == "api_key")
        #expect(snapshot.form.values["api_key"] == "sk_live_0123456789abcdef")
        #expect(snapshot.form.values["region"] == "us", "an env var set for this run wins over the stored value")
        #expect(snapshot.editingNote == "editing the saved credentials of 2025-06-15T15:06:40Z")
    }

    @Test func cancelEndsWithNothingSaved() async throws {
        let store = TemporaryStore()
        let session = try await Self.session(store, check: nil)
        guard case .cancelled = await session.cancel().state else { Issue.record("not cancelled"); return }
        guard case .cancelled = try await session.submit().state else { Issue.record("a cancelled session saved"); return }
        #expect(!store.store().hasStored("acme"))
    }
}
