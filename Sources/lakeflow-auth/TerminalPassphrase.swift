import Foundation
import LakeflowAuthCore

/// Asks for the identity file's passphrase on the controlling terminal with echo off. Only offered
/// when stdin is a terminal, so scripts and CI fail with a hint instead of hanging.
enum TerminalPassphrase {
    static var prompt: IdentityKeeper.PassphrasePrompt? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return { path in ask("lakeflow-auth: passphrase for \(path): ") }
    }

    private static func ask(_ question: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var original = termios()
        guard tcgetattr(tty, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSAFLUSH, &silent)
        defer {
            tcsetattr(tty, TCSAFLUSH, &original)
            _ = write(tty, "\n", 1)
        }
        _ = question.utf8CString.withUnsafeBufferPointer { write(tty, $0.baseAddress, $0.count - 1) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
        return String(decoding: line, as: UTF8.self)
    }
}
