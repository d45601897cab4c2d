import Foundation
import LakeflowAuthCore
import LakeflowAuthTerminal

extension CredentialWizard {
    /// `lakeflow-auth <connector>` at a terminal: the full-screen form; the line-by-line form where it
    /// cannot run, saying why on one line. `note` shows under the form's title (or before the questions).
    @discardableResult
    func runInteractiveForm(note: [String] = []) async throws -> SavedSetup {
        if let reason = FullScreenUnavailable.reason(environment: environment, isTerminal: { isatty($0) == 1 }) {
            return try await runPlainForm(because: reason, note: note)
        }
        do {
            let saved = try await FullScreenForm.run(
                form: form, store: store,
                check: probes ? SetupSession.probe(spec, timeout: probeTimeout) : nil,
                authorization: { presenter in oauthAuthorization(presenter: presenter) }, opensBrowser: opensBrowser,
                endsAtValidation: dryRun != nil, environment: environment,
                authMethod: authMethod, note: note, farewell: Diagnostics.text(PlainFormError.cancelled.message))
            HumanOutput.line(saved.summary)
            noteAfterSaving(saved)
            return saved
        } catch let reason as FullScreenUnavailable {
            return try await runPlainForm(because: reason, note: note)
        }
    }

    private func runPlainForm(because reason: FullScreenUnavailable, note: [String]) async throws -> SavedSetup {
        Diagnostics.note(reason.note)
        if !note.isEmpty { HumanOutput.line(note.joined(separator: "\n") + "\n") }
        return try await runPlainForm()
    }
}
