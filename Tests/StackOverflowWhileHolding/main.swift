import Foundation
import LakeflowAuthTerminal

/// For the end-to-end tests, not shipped: takes the terminal as the full-screen form does (raw mode,
/// the alternate screen, no cursor, bracketed paste, the keypad's application mode), on a thread of
/// its own, then overflows that thread's stack. Only a handler on an alternate stack can then give
/// the terminal back; the tests check that it does and that the process ends by SIGSEGV.
enum StackOverflowWhileHolding {
    static func run() -> Never {
        var shellSettings = termios()
        guard tcgetattr(STDIN_FILENO, &shellSettings) == 0 else {
            FileHandle.standardError.write(Data("stack-overflow-while-holding: stdin is not a terminal\n".utf8))
            exit(2)
        }
        let settings = shellSettings
        Thread {
            var raw = settings
            cfmakeraw(&raw)
            tcsetattr(STDIN_FILENO, TCSANOW, &raw)
            write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[?2004h\u{1B}[?1h\u{1B}=")
            TerminalRestoration.hold(descriptor: STDIN_FILENO, settings: settings,
                                     reset: "\u{1B}[?2004l\u{1B}[?25h\u{1B}[?1l\u{1B}>\u{1B}[?1049l", farewell: "")
            write("holding the terminal\r\n")
            // A key starts the overflow, so the test sees the terminal held first.
            var key: UInt8 = 0
            _ = read(STDIN_FILENO, &key, 1)
            write("\(recurse(0))")
        }.start()
        while true { sleep(60) }
    }

    static func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Each frame keeps a buffer of its own alive, so the recursion cannot become a loop.
    static func recurse(_ depth: Int) -> Int {
        if depth == Int.max { return 0 }
        var frame = [UInt8](repeating: UInt8(truncatingIfNeeded: depth), count: 64)
        return frame.withUnsafeMutableBufferPointer { buffer in recurse(depth + 1) + Int(buffer[depth % 64]) }
    }
}

StackOverflowWhileHolding.run()
