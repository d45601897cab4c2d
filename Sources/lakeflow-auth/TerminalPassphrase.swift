import Foundation
import LakeflowAuthCore
import LakeflowAuthTerminal

/// Asks for the identity file's passphrase on the controlling terminal, echo off, through the same
/// terminal handling as the form (so Ctrl-C at the prompt leaves a terminal that echoes). Offered only
/// when stdin is a terminal, so scripts and CI fail with a hint instead of waiting for an answer.
enum TerminalPassphrase {
    static var prompt: IdentityKeeper.PassphrasePrompt? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return { path in
            let terminal = try? TerminalIO(connector: "", farewell: Diagnostics.text("cancelled"))
            return try? terminal?.ask("lakeflow-auth: passphrase for \(path): ", secret: true)
        }
    }
}
