import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of signal handling while a form holds the terminal, for the line-by-line form and the
/// full-screen one alike: on Ctrl-C, hangup or termination the terminal settings found at start are put
/// back, `reset` is written to it (leaving the full-screen mode), `farewell` goes to stderr and the
/// process exits with 128 + the signal number; on a crash the terminal is restored the same way and
/// the signal goes on to whatever handled it before (the runtime's backtrace, or the default).
///
/// Plain signal handlers rather than dispatch sources: a source is armed asynchronously, and a signal
/// in that window would be lost. Everything the handlers touch is set before they are installed, and
/// they only call tcsetattr, tcflush, write, sigaction, raise and _exit, which are async-signal-safe.
public enum TerminalRestoration {
    static let endingSignals = [SIGINT, SIGHUP, SIGTERM]
    static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT]

    /// Takes the handlers over until the matching `release`. A holder inside another (the passphrase
    /// prompt inside a form) replaces the settings restored; the handlers go back with the outermost.
    public static func hold(descriptor: Int32, settings: termios, reset: String, farewell: String) {
        holders += 1
        let previous = heldState?.previousActions
        heldState = HeldTerminal(descriptor: descriptor, settings: settings, reset: Array(reset.utf8),
                                 farewell: Array(farewell.utf8), previousActions: previous ?? [])
        guard previous == nil else { return }
        // Indexed by signal number, so a handler finds its predecessor without hashing.
        var saved: [sigaction?] = Array(repeating: nil, count: 65)
        for number in endingSignals + crashSignals {
            var action = sigaction()
            var old = sigaction()
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            #if canImport(Glibc)
            if endingSignals.contains(number) {
                action.__sigaction_handler.sa_handler = restoreTerminalAndExit
            } else {
                action.__sigaction_handler.sa_handler = restoreTerminalAndCrash
            }
            #else
            if endingSignals.contains(number) {
                action.__sigaction_u.__sa_handler = restoreTerminalAndExit
            } else {
                action.__sigaction_u.__sa_handler = restoreTerminalAndCrash
            }
            #endif
            sigaction(number, &action, &old)
            saved[Int(number)] = old
        }
        heldState?.previousActions = saved
    }

    /// Gives the handlers back as they were before `hold`.
    public static func release() {
        holders = max(0, holders - 1)
        guard holders == 0, let state = heldState else { return }
        for (number, action) in state.previousActions.enumerated() {
            guard var action else { continue }
            sigaction(Int32(number), &action, nil)
        }
        heldState = nil
    }
}

/// What the handlers need, set before they are installed; they only read it.
struct HeldTerminal {
    let descriptor: Int32
    let settings: termios
    let reset: [UInt8]
    let farewell: [UInt8]
    var previousActions: [sigaction?]
}

nonisolated(unsafe) private var heldState: HeldTerminal?
nonisolated(unsafe) private var holders = 0

private func putTerminalBack(_ state: HeldTerminal) {
    var settings = state.settings
    tcsetattr(state.descriptor, TCSANOW, &settings)
    // Whatever was typed or pasted ahead would otherwise run as commands in the shell.
    tcflush(state.descriptor, TCIFLUSH)
    _ = state.reset.withUnsafeBytes { write(state.descriptor, $0.baseAddress, $0.count) }
}

private func restoreTerminalAndExit(_ number: Int32) {
    if let state = heldState {
        putTerminalBack(state)
        _ = state.farewell.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
    _exit(128 + number)
}

/// The signal is blocked while its handler runs, so raising it again delivers it, to the handler that
/// was there before, as soon as this one returns.
private func restoreTerminalAndCrash(_ number: Int32) {
    if let state = heldState {
        putTerminalBack(state)
        if var previous = state.previousActions[Int(number)] {
            sigaction(number, &previous, nil)
        } else {
            signal(number, SIG_DFL)
        }
    } else {
        signal(number, SIG_DFL)
    }
    raise(number)
}
