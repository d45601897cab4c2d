import CNCurses
import LakeflowAuthCore

/// Reads keys through curses' wide-character call: a bracketed paste is one key, and so is text that
/// arrives in a burst (`KeyBurst`).
final class KeyReader {
    private let window: UnsafeMutablePointer<WINDOW>
    private static let pasteStart = KEY_MAX + 1
    private static let pasteEnd = KEY_MAX + 2
    /// No value is longer; bounds what a paste can make the process hold.
    static let pasteLimit = ValueFile.maximumSize
    /// Once text comes in a burst, its rest is waited for this long: a terminal may write a long
    /// paste in pieces. A key typed alone is not waited after, so it shows at once.
    static let burstGap: Int32 = 15
    /// Keys read together and not yet handed out.
    private var pending: [Key] = []

    init(window: UnsafeMutablePointer<WINDOW>) {
        self.window = window
        define_key("\u{1B}[200~", Self.pasteStart)
        define_key("\u{1B}[201~", Self.pasteEnd)
    }

    /// The next key, or nil when none came within `milliseconds` (-1 waits as long as it takes).
    func next(waiting milliseconds: Int32) -> Key? {
        if !pending.isEmpty { return pending.removeFirst() }
        guard let first = read(waiting: milliseconds) else { return nil }
        guard KeyBurst.isTextOrLineBreak(first) else { return first }
        var burst = [first]
        var gap: Int32 = 0
        var size = 0
        while size < Self.pasteLimit, let more = read(waiting: gap) {
            burst.append(more)
            if case let .text(text) = more { size += text.utf8.count }
            gap = Self.burstGap
        }
        pending = KeyBurst.assemble(burst)
        return pending.isEmpty ? nil : pending.removeFirst()
    }

    private func read(waiting milliseconds: Int32) -> Key? {
        wtimeout(window, milliseconds)
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case KEY_CODE_YES:
            let special = Int32(bitPattern: code)
            if special == KEY_RESIZE { return .resize }
            if special == Self.pasteStart { return .paste(readPaste()) }
            if special == Self.pasteEnd { return nil }
            return .special(special)
        case OK:
            if code < 0x20 || code == 0x7F { return .control(code) }
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .text(String(scalar))
        default:
            return nil
        }
    }

    /// Everything up to the end marker. Line breaks arrive as CR (terminals send Enter so), CR LF or LF,
    /// and become `\n`; a paste that never ends (a lost marker) ends after a second of silence.
    private func readPaste() -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasReturn = false
        wtimeout(window, 1000)
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == KEY_CODE_YES {
                if Int32(bitPattern: code) == Self.pasteEnd { break }
                continue
            }
            guard status == OK, let scalar = Unicode.Scalar(code) else { break }
            defer { lastWasReturn = scalar == "\r" }
            if scalar == "\n" && lastWasReturn { continue }
            guard scalars.count < Self.pasteLimit else { continue }
            scalars.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(scalars)
    }
}
