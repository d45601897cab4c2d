import FoundationEssentials
import LakeflowAuthCore
import PosixThreads

/// The full-screen form, `lakeflow-auth <connector>`'s front end in a terminal. It runs on a thread of
/// its own, since curses belongs to one thread and waits for keys there.
public enum FullScreenForm {
    /// Opens the form on `session` (as the setup plan started it), runs the setup to its end and gives
    /// the terminal back.
    /// - Parameters:
    ///   - note: lines shown under the title (the demo's sandbox credentials).
    ///   - farewell: written to stderr when a signal ends the process.
    /// - Throws: `FullScreenUnavailable` before anything is drawn, when curses cannot start (the caller
    ///   falls back to the line form with the same session); `SetupCancelled` when the person leaves
    ///   without saving; what stopped the session.
    public static func run(session: SetupSession, environment: [String: String], note: [String] = [],
                           farewell: String) async throws -> SavedSetup {
        try await withCheckedThrowingContinuation { continuation in
            DetachedThread.start {
                continuation.resume(with: Result {
                    let screen = try CursesScreen(environment: environment, farewell: farewell)
                    defer { screen.end() }
                    return try CursesForm(screen: screen, session: session, environment: environment, note: note).run()
                })
            }
        }
    }
}
