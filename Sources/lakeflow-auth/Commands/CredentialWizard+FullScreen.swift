import FoundationEssentials
import Glibc
import LakeflowAuthCore
import LakeflowAuthTerminal

extension CredentialWizard {
    /// `lakeflow-auth <connector>` at a terminal: the full-screen form; the line form where it cannot
    /// run, saying why on one line. `note` shows under the form's title (or before the questions).
    @discardableResult
    func runInteractiveForm(note: [String] = []) async throws -> SavedSetup {
        if let reason = FullScreenUnavailable.reason(environment: plan.environment, isTerminal: { isatty($0) == 1 }) {
            return try await runLineForm(because: reason, note: note, session: nil)
        }
        let session = await plan.session()
        // A setup that cannot start (an unreadable store) says so without taking the screen first.
        if case let .failed(error) = await session.state { throw error }
        do {
            let saved = try await FullScreenForm.run(session: session, environment: plan.environment, note: note,
                                                     farewell: Diagnostics.text(SetupCancelled.byPerson.message))
            tell(saved)
            return saved
        } catch let reason as FullScreenUnavailable {
            return try await runLineForm(because: reason, note: note, session: session)
        }
    }

    private func runLineForm(because reason: FullScreenUnavailable, note: [String], session: SetupSession?) async throws -> SavedSetup {
        Diagnostics.note(reason.note)
        if !note.isEmpty { HumanOutput.line(note.joined(separator: "\n") + "\n") }
        let terminal = try TerminalIO(connector: plan.spec.connector, farewell: Diagnostics.text(SetupCancelled.byPerson.message))
        if let session { return try await runLineForm(on: terminal, session: session) }
        return try await runLineForm(on: terminal, session: await plan.session())
    }
}
