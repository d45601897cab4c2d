import FoundationEssentials
import Glibc
import LakeflowAuthCore
import LakeflowAuthTerminal

/// Asks for the identity file's passphrase on the controlling terminal, echo off, through the same
/// terminal handling as the forms (so Ctrl-C at the prompt leaves a terminal that echoes), up to the
/// store's number of attempts, saying once before each retry that the last one was wrong. Offered only
/// when stdin is a terminal, so scripts and CI fail with a hint instead of waiting for an answer.
enum TerminalPassphrase {
    static var prompt: IdentityKeeper.PassphrasePrompt? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return { path, attempt in ask(path, attempt: attempt) }
    }

    private static func ask(_ path: String, attempt: Int) -> String? {
        let terminal = try? TerminalIO(connector: "", farewell: Diagnostics.text(SetupCancelled.byPerson.message))
        if attempt > 1 {
            terminal?.write("lakeflow-auth: that passphrase does not open \(path); try again "
                + "(attempt \(attempt) of \(IdentityKeeper.passphraseAttempts))\n")
        }
        return try? terminal?.ask("lakeflow-auth: passphrase for \(path): ", secret: true)
    }
}
