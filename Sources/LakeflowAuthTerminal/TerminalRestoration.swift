import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of signal handling while a form holds the terminal, for the line-by-line form and the
/// full-screen one alike: on Ctrl-C, hangup or termination the terminal settings found at start are put
/// back, `reset` is written to it (leaving the full-screen mode), `farewell` goes to stderr and the
/// process exits with 128 + the signal number. On a crash (a fault, a Swift trap, an abort, or one of
/// those signals sent from outside) the terminal is restored the same way, the handler that was there
/// before runs (the Swift runtime's backtrace), and the signal is raised again with its default action,
/// so the exit status and the core dump are the crash's own.
///
/// Plain signal handlers rather than dispatch sources: a source is armed asynchronously, and a signal
/// in that window would be lost. Everything the handlers touch is set before they are installed, and
/// they only call tcsetattr, tcflush, write, sigaction, signal, raise and _exit, which are
/// async-signal-safe. They run on an alternate stack, so a stack overflow still gets its terminal back.
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
        SignalStack.installForThisThread()
        for number in endingSignals + crashSignals {
            var action = sigaction()
            var old = sigaction()
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_ONSTACK
            if endingSignals.contains(number) {
                action.handler = restoreTerminalAndExit
            } else {
                action.sa_flags |= SA_SIGINFO
                action.crashHandler = restoreTerminalAndCrash
            }
            sigaction(number, &action, &old)
            saved[Int(number)] = old
        }
        heldState?.previousActions = saved
    }

    /// What else an ending signal does while the terminal is held: a last line for standard output
    /// and the exit status it names (`--json`'s `cancelled` event, exit 130), so a run that asked for
    /// events still ends with its last one. Set before `hold`; the handlers only read it.
    public static func endWith(lastLine: String, exitStatus: Int32) {
        endingLine = (Array(lastLine.utf8), exitStatus)
    }

    /// Gives the handlers back as they were before `hold`.
    public static func release() {
        holders = max(0, holders - 1)
        guard holders == 0, let state = heldState else { return }
        for (number, action) in state.previousActions.enumerated() {
            guard var action else { continue }
            sigaction(Int32(number), &action, nil)
        }
        SignalStack.removeFromThisThread()
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
nonisolated(unsafe) private var endingLine: (bytes: [UInt8], exitStatus: Int32)?
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
    if let endingLine {
        _ = endingLine.bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        _exit(endingLine.exitStatus)
    }
    _exit(128 + number)
}

/// The signal is blocked while its handler runs, so raising it again with the default action delivers
/// it, to end the process, as soon as this handler returns. The previous handler is called rather than
/// reinstalled: the runtime's returns after its backtrace, expecting the fault to happen again, which a
/// signal sent by `kill` never does.
private func restoreTerminalAndCrash(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if let state = heldState {
        putTerminalBack(state)
        state.previousActions[Int(number)]?.call(number, info, context)
    }
    signal(number, SIG_DFL)
    raise(number)
}

private extension sigaction {
    var handler: (@convention(c) (Int32) -> Void)? {
        get {
            #if canImport(Glibc)
            __sigaction_handler.sa_handler
            #else
            __sigaction_u.__sa_handler
            #endif
        }
        set {
            #if canImport(Glibc)
            __sigaction_handler.sa_handler = newValue
            #else
            __sigaction_u.__sa_handler = newValue
            #endif
        }
    }

    var crashHandler: (@convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void)? {
        get {
            #if canImport(Glibc)
            __sigaction_handler.sa_sigaction
            #else
            __sigaction_u.__sa_sigaction
            #endif
        }
        set {
            #if canImport(Glibc)
            __sigaction_handler.sa_sigaction = newValue
            #else
            __sigaction_u.__sa_sigaction = newValue
            #endif
        }
    }

    /// Runs this action's handler for a signal, when it is a function rather than the default or ignore.
    func call(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
        let address = unsafeBitCast(handler, to: Int.self)
        guard address != unsafeBitCast(SIG_DFL, to: Int.self), address != unsafeBitCast(SIG_IGN, to: Int.self) else { return }
        if sa_flags & SA_SIGINFO != 0 {
            crashHandler?(number, info, context)
        } else {
            handler?(number)
        }
    }
}
