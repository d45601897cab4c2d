import CNCurses

/// How many terminal cells text takes, by the C library's wcwidth (which curses also uses): two for
/// CJK and emoji, none for a combining accent. Measured per grapheme, so a cursor lands on the right
/// cell after "é", "漢" or "👍🏽".
enum CellWidth {
    static func of(_ character: Character) -> Int {
        // Most of what is drawn is ASCII, one cell each, and the property lookups below are table searches.
        if character.isASCII { return 1 }
        var cells = 0
        for scalar in character.unicodeScalars {
            if scalar == "\u{FE0F}" || scalar.properties.isEmojiPresentation { return 2 }
            cells += max(0, Int(cncurses_cell_width(wchar_t(bitPattern: scalar.value))))
        }
        return max(1, min(2, cells))
    }

    static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The longest start of `text` that fits in `cells`, ending in "…" when something was cut.
    static func fitting(_ text: String, cells: Int) -> String {
        guard cells > 0 else { return "" }
        guard of(text) > cells else { return text }
        var kept = ""
        var used = 0
        for character in text {
            let width = of(character)
            guard used + width <= cells - 1 else { break }
            kept.append(character)
            used += width
        }
        return kept + "…"
    }
}
