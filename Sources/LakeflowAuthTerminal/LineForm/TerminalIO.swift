import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The controlling terminal, read a line at a time in the terminal's own line editing.
///
/// Questions go to the terminal rather than stdout, so `lakeflow-auth acme > log` still asks on the
/// screen. Echo is switched off only while a secret is typed, and the settings found at start are put
/// back on every way out: after each secret, and by `TerminalRestoration` on Ctrl-C, hangup,
/// termination or a crash, which would otherwise leave a shell that no longer echoes.
///
/// A paste of several lines must never answer the questions after the one it was pasted at, nor reach
/// the shell after the tool exits (a 16-line PEM once filled five fields and ran its last lines as
/// commands). So the lines that arrive with an answer, within `burstWindow`, are read as part of it, and
/// input not yet read is discarded on every way out. Arrival time rather than bracketed paste
/// (`ESC[?2004h`): in the terminal's line editing, which this form keeps for its Backspace and
/// Ctrl-U, the paste markers would be echoed as `^[[200~` and split across reads, and terminals
/// without the mode would get no protection at all.
public final class TerminalIO: LineConsole {
    /// No option value is longer; bounds what a paste can make the process hold.
    public static let answerLimit = 64 * 1024
    /// Lines completed this soon after the previous one came in the same paste: no one types a line
    /// and Enter that fast.
    static let burstWindow: Int32 = 30

    private let descriptor: Int32
    private let original: termios
    private var pending: [UInt8] = []

    /// Opens `/dev/tty`. On Ctrl-C, hangup or termination the terminal is restored, `farewell` is
    /// written to stderr as it is, and the process exits with 128 + the signal number (130 for Ctrl-C).
    public init(connector: String, farewell: String) throws(LineFormError) {
        descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw .noTerminal(connector: connector) }
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else {
            close(descriptor)
            throw .noTerminal(connector: connector)
        }
        original = settings
        TerminalRestoration.hold(descriptor: descriptor, settings: settings, reset: "\n", farewell: farewell)
    }

    deinit {
        TerminalRestoration.release()
        discardTypeAhead()
        restore()
        close(descriptor)
    }

    public func discardTypeAhead() {
        pending.removeAll()
        tcflush(descriptor, TCIFLUSH)
    }

    public var width: Int {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    public func write(_ text: String) {
        writeAll(descriptor, Array(text.utf8))
    }

    public func ask(_ prompt: String, secret: Bool) throws(LineFormError) -> String? {
        if secret {
            // Echo goes off before the prompt shows and type-ahead is flushed, so no part of a secret
            // typed early is echoed or taken.
            try quiet(flushing: true)
        }
        defer { if secret { restore() } }
        write(prompt)
        guard var lines = try nextLine().map({ [$0] }) else { return nil }
        while try lineArrives(within: Self.burstWindow), let line = try nextLine() {
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    public func continueLines(secret: Bool, until isLast: (String) -> Bool) throws(LineFormError) -> [String]? {
        // No flush here: the rest of a paste may already be waiting.
        if secret { try quiet(flushing: false) }
        defer { if secret { restore() } }
        var lines: [String] = []
        while let line = try nextLine() {
            if line.trimmingSpaces.isEmpty { return lines }
            lines.append(line)
            if isLast(line) { return lines }
        }
        return nil
    }

    public func line(within milliseconds: Int32) throws(LineFormError) -> WaitedLine {
        guard try lineArrives(within: milliseconds) else { return .nothing }
        return try nextLine().map(WaitedLine.line) ?? .endOfInput
    }

    /// Echo off; ECHONL keeps the Enter visible, so the next line starts where the person expects.
    private func quiet(flushing: Bool) throws(LineFormError) {
        var quiet = original
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        guard tcsetattr(descriptor, flushing ? TCSAFLUSH : TCSANOW, &quiet) == 0 else { throw .terminalFailed(errno: errno) }
    }

    /// True when a whole line is read or readable within `milliseconds` (the terminal's line editing
    /// makes a line readable only once its Enter has come).
    private func lineArrives(within milliseconds: Int32) throws(LineFormError) -> Bool {
        if pending.contains(UInt8(ascii: "\n")) { return true }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { throw .terminalFailed(errno: errno) }
            return ready > 0 && poller.revents & Int16(POLLIN) != 0
        }
    }

    private func restore() {
        var settings = original
        tcsetattr(descriptor, TCSANOW, &settings)
    }

    private func nextLine() throws(LineFormError) -> String? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<end])
                pending.removeSubrange(...end)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard pending.count <= Self.answerLimit else { throw .answerTooLong(limit: Self.answerLimit) }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .terminalFailed(errno: errno)
            }
            if count == 0 { return nil }
            pending += chunk[..<count]
        }
    }
}

private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += written
    }
}
