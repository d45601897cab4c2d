/// One thing the person did at the keyboard, as the form sees it.
enum Key: Hashable {
    /// Printable text: one character typed (or one scalar of it, such as a combining accent).
    case text(String)
    /// A C0 control code or DEL: Tab 9, Enter 13, Esc 27, Ctrl-S 19.
    case control(UInt32)
    /// A key curses decoded from an escape sequence: an arrow, Home, F1 (its `KEY_` code).
    case special(Int32)
    /// A bracketed paste, whole, with its line breaks as `\n`.
    case paste(String)
    /// The terminal changed size.
    case resize

    static let tab = Key.control(9)
    static let enter = Key.control(13)
    static let escape = Key.control(27)
    static func ctrl(_ letter: Character) -> Key {
        .control(UInt32(letter.asciiValue! & 0x1F))
    }
}
