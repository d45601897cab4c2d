import Foundation
import LakeflowAuthCore

/// The full-screen form, `lakeflow-auth <connector>`'s front end in a terminal. It runs on a thread of
/// its own, since curses belongs to one thread and waits for keys there.
public enum FullScreenForm {
    /// Opens the form, runs the setup to its end and gives the terminal back.
    /// - Parameters:
    ///   - note: lines shown under the title (the demo's sandbox credentials).
    ///   - farewell: written to stderr when a signal ends the process.
    /// - Throws: `FullScreenUnavailable` before anything is drawn, when curses cannot start (the caller
    ///   falls back to the line-by-line form); `PlainFormError.cancelled` or `.notSaved` when the person
    ///   leaves without saving; what the session throws.
    ///   - authorization: makes the OAuth step of specs that declare one, given the presenter that shows
    ///     its link in the form.
    ///   - opensBrowser: whether the OAuth step's link is also opened in a browser, when there is one
    ///     (`--no-open` says no).
    ///   - endsAtValidation: `--dry-run`: a valid form ends with `DryRunReady` (`SetupSession`).
    public static func run(form: Form, store: CredentialStore, check: SetupSession.Check?,
                           authorization: (@Sendable (@escaping OAuthAuthorization.Presenter) -> OAuthAuthorization)? = nil,
                           opensBrowser: Bool = true, endsAtValidation: Bool = false,
                           environment: [String: String], authMethod: String?, note: [String] = [],
                           farewell: String) async throws -> SavedSetup {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result {
                    let screen = try CursesScreen(environment: environment, farewell: farewell)
                    defer { screen.end() }
                    let bridge = SessionBridge(form: form, store: store, check: check, authorization: authorization,
                                               endsAtValidation: endsAtValidation) { url in
                        opensBrowser ? BrowserOpener.open(url, environment: environment) : nil
                    }
                    let controller = CursesForm(screen: screen, bridge: bridge,
                                                environment: environment, note: note)
                    return try controller.run(authMethod: authMethod)
                })
            }
            thread.name = "lakeflow-auth curses form"
            thread.start()
        }
    }
}
