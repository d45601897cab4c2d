import CNCurses

/// How many terminal cells text takes, by the C library's wcwidth (which curses also uses): two for
/// CJK and emoji, none for a combining accent. Measured per grapheme, so a cursor lands on the right
/// cell after "é", "漢" or "👍🏽".
enum CellWidth {
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) || scalars.contains("\u{FE0F}") { return 2 }
        let widths = scalars.map { Int(cncurses_cell_width(wchar_t(bitPattern: $0.value))) }
        return max(1, min(2, widths.filter { $0 > 0 }.reduce(0, +)))
    }

    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
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
