import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with a fresh pseudo-terminal as its controlling terminal, the way a person at a
/// terminal would: what it writes is captured, and input (including Ctrl-C and Ctrl-D) is typed into
/// it. Waiting is async and polls, so a test never blocks the threads the sandbox server runs on.
public final class PseudoTerminal: @unchecked Sendable {
    public struct Timeout: Error, CustomStringConvertible {
        public let waitingFor: String
        public let output: String
        public var description: String { "timed out waiting for \(waitingFor); output so far:\n\(output)" }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let master: Int32
    /// Held open so the terminal outlives the child and its settings can be read afterwards.
    private let slave: Int32
    private let child: pid_t
    private var captured: [UInt8] = []
    /// Where the next `expect` starts looking, so the same text can be awaited twice in a row.
    private var mark = 0
    private var exitStatus: Int32?
    public let started = ContinuousClock.now

    public init(executable: String, arguments: [String], environment: [String: String], columns: UInt16 = 100, rows: UInt16 = 40) throws {
        master = PseudoTerminalCalls.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, PseudoTerminalCalls.grant(master) == 0, PseudoTerminalCalls.unlock(master) == 0,
              PseudoTerminalCalls.slaveName(master, &name, name.count) == 0 else {
            throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened in the child after setsid, without O_NOCTTY: that makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID: glibc's value, which Swift's Glibc module does not export.
        posix_spawnattr_setflags(&attributes, Int16(0x80) | Int16(POSIX_SPAWN_SETSIGDEF) | Int16(POSIX_SPAWN_SETSIGMASK))
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGHUP, SIGTERM, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(master)
            close(slave)
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        child = pid
    }

    deinit {
        if exitStatus == nil {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
        }
        close(master)
        close(slave)
    }

    /// Everything the program wrote so far, as the terminal delivered it.
    public var output: String {
        drain()
        return String(decoding: captured, as: UTF8.self)
    }

    /// Waits until `text` appears after what earlier expectations matched; returns how long since start.
    @discardableResult
    public func expect(_ text: String, timeout: Duration = .seconds(15)) async throws -> Duration {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let elapsed = try match(text, deadline: deadline) { return elapsed }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Like `expect`, but holding the thread in poll(2) so the moment the text arrives is measured to
    /// the microsecond: for benchmarks, which have no server to starve.
    @discardableResult
    public func expectNow(_ text: String, timeout: Duration = .seconds(15)) throws -> Duration {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let elapsed = try match(text, deadline: deadline) { return elapsed }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
        }
    }

    /// The time since start once `text` has arrived, nil while it may still come.
    private func match(_ text: String, deadline: ContinuousClock.Instant) throws -> Duration? {
        drain()
        if let range = find(Array(text.utf8), from: mark) {
            mark = range
            return ContinuousClock.now - started
        }
        guard ContinuousClock.now < deadline else { throw Timeout(waitingFor: "\"\(text)\"", output: output) }
        return nil
    }

    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Enter sends a carriage return, which the terminal turns into the newline a program reads.
    public func sendLine(_ text: String) {
        send(text + "\r")
    }

    public func sendInterrupt() { send("\u{03}") }

    public func sendEndOfInput() { send("\u{04}") }

    /// The exit code, or 128 + the signal that ended the program.
    public func waitForExit(timeout: Duration = .seconds(15)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while exitStatus == nil {
            drain()
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) == child {
                exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                break
            }
            guard ContinuousClock.now < deadline else { throw Timeout(waitingFor: "the program to exit", output: output) }
            try await Task.sleep(for: .milliseconds(5))
        }
        drain()
        return exitStatus ?? -1
    }

    /// Whether the terminal echoes what is typed, as a shell needs after the program is gone.
    public var echoes: Bool {
        var settings = termios()
        guard tcgetattr(slave, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ECHO) != 0 && settings.c_lflag & tcflag_t(ICANON) != 0
    }

    /// How many typed bytes no program has read, a line without its Enter included: what a shell
    /// started on this terminal next would take as its first command.
    public var unreadInput: Int {
        var settings = termios()
        guard tcgetattr(slave, &settings) == 0 else { return -1 }
        // In line mode the count leaves out an unfinished line; without it, every byte counts.
        var everyByte = settings
        everyByte.c_lflag &= ~tcflag_t(ICANON)
        tcsetattr(slave, TCSANOW, &everyByte)
        defer { tcsetattr(slave, TCSANOW, &settings) }
        var count: Int32 = 0
        guard ioctl(slave, UInt(FIONREAD), &count) == 0 else { return -1 }
        return Int(count)
    }

    /// Sends `number` to the program, as `kill` from another terminal would.
    public func signal(_ number: Int32) {
        kill(child, number)
    }

    private func drain() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            captured += chunk[..<count]
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, captured.count - start >= needle.count else { return nil }
        for index in start...(captured.count - needle.count) where captured[index..<index + needle.count].elementsEqual(needle) {
            return index + needle.count
        }
        return nil
    }
}

/// The pseudo-terminal calls of libc, which Swift's Glibc module leaves out (they need _XOPEN_SOURCE),
/// looked up by name.
private enum PseudoTerminalCalls {
    static let openMaster = function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    static let grant = function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    static let unlock = function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    static let slaveName = function("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)

    private static func function<T>(_ name: String, as type: T.Type) -> T {
        guard let symbol = dlsym(nil, name) else { fatalError("libc has no \(name)") }
        return unsafeBitCast(symbol, to: type)
    }
}
