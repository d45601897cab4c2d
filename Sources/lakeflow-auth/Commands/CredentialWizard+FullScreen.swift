import Foundation
import LakeflowAuthCore
import LakeflowAuthTerminal

extension CredentialWizard {
    /// `lakeflow-auth <connector>` at a terminal: the full-screen form; the line-by-line form where it
    /// cannot run, saying why on one line. `note` shows under the form's title (or before the questions).
    func runInteractiveForm(note: [String] = []) async throws {
        if let reason = FullScreenUnavailable.reason(environment: environment, isTerminal: { isatty($0) == 1 }) {
            return try await runPlainForm(because: reason, note: note)
        }
        do {
            try await endingInDryRun {
                let saved = try await FullScreenForm.run(
                    form: Form(spec: spec), store: CredentialStore(environment: environment),
                    check: probes ? SetupSession.probe(spec, timeout: probeTimeout) : nil,
                    authorization: { presenter in oauthAuthorization(presenter: presenter) }, opensBrowser: opensBrowser,
                    endsAtValidation: dryRun != nil, environment: environment,
                    authMethod: authMethod, note: note, farewell: Diagnostics.text(PlainFormError.cancelled.message))
                print(saved.summary)
            }
        } catch let reason as FullScreenUnavailable {
            try await runPlainForm(because: reason, note: note)
        }
    }

    private func runPlainForm(because reason: FullScreenUnavailable, note: [String]) async throws {
        Diagnostics.note(reason.note)
        if !note.isEmpty { print(note.joined(separator: "\n") + "\n") }
        try await runPlainForm()
    }
}
