import CNCurses
import FoundationEssentials
import Glibc

/// The terminal while the full-screen form holds it: curses started on stdin and stdout, raw keys,
/// bracketed paste, the alternate screen. `end()` gives the terminal back as it was found; until then
/// `TerminalRestoration` does the same on a signal or a crash.
final class CursesScreen {
    let window: UnsafeMutablePointer<WINDOW>
    let hasColors: Bool
    private let screen: OpaquePointer
    private var ended = false

    /// Bracketed paste on and off (xterm's mode 2004): a paste arrives between two markers, whole.
    private static let pasteModeOn = "\u{1B}[?2004h"
    private static let pasteModeOff = "\u{1B}[?2004l"

    /// - Throws: `FullScreenUnavailable` when curses cannot start on this terminal.
    init(environment: [String: String], farewell: String) throws(FullScreenUnavailable) {
        Self.chooseUTF8Locale()
        var shellSettings = termios()
        guard tcgetattr(STDIN_FILENO, &shellSettings) == 0 else { throw .noTerminal }
        let output = fdopen(dup(STDOUT_FILENO), "w"), input = fdopen(dup(STDIN_FILENO), "r")
        guard let output, let input, let screen = newterm(nil, output, input) else {
            throw .cursesFailed(term: environment["TERM"] ?? "")
        }
        self.screen = screen
        window = cncurses_standard_screen()
        hasColors = has_colors() && (environment["NO_COLOR"] ?? "").isEmpty
        if hasColors {
            start_color()
            use_default_colors()
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        // Esc alone is a key here (cancel); 25 ms tells it from the start of an escape sequence.
        set_escdelay(25)
        // What `end()` undoes, for a signal or a crash to write at once: the keypad's application mode
        // too, or the shell would get the cursor keys in the form's encoding.
        let reset = Self.pasteModeOff + Self.capability("sgr0") + Self.capability("cnorm") + Self.capability("rmkx")
            + Self.capability("rmcup")
        TerminalRestoration.hold(descriptor: STDIN_FILENO, settings: shellSettings, reset: reset, farewell: farewell)
        Self.write(Self.pasteModeOn)
    }

    deinit { end() }

    var rows: Int { Int(cncurses_lines()) }
    var columns: Int { Int(cncurses_columns()) }

    /// Leaves curses and the alternate screen; the shell's settings come back.
    func end() {
        guard !ended else { return }
        ended = true
        Self.write(Self.pasteModeOff)
        endwin()
        delscreen(screen)
        TerminalRestoration.release()
    }

    /// Wide characters need a UTF-8 locale; a terminal whose locale says otherwise (a bare `C`) is
    /// nearly always UTF-8 in fact, so C.UTF-8 stands in.
    private static func chooseUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    /// A terminfo string of the current terminal, or nothing when it has none.
    private static func capability(_ name: String) -> String {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return "" }
        return String(cString: value)
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
