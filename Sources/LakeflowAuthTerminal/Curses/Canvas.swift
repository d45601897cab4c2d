import CNCurses
import LakeflowAuthCore

/// Drawing on the curses screen in cells: text is clipped to the room it is given (never wrapping
/// onto the next row) and written through the wide-character call.
struct Canvas {
    let window: UnsafeMutablePointer<WINDOW>
    let theme: Theme
    let rows: Int
    let columns: Int

    /// Draws `text` from (`row`, `column`) in at most `width` cells; returns the cells used. Every text
    /// the form draws passes the terminal sanitizer here: spec text, values, messages alike.
    @discardableResult
    func put(_ text: String, row: Int, column: Int, width: Int? = nil, _ role: Theme.Role = .value) -> Int {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        // The bottom-right cell is left alone: writing there scrolls some terminals.
        let room = min(width ?? Int.max, columns - column - (row == rows - 1 ? 1 : 0))
        let shown = CellWidth.fitting(TerminalText.sanitized(text), cells: room)
        guard !shown.isEmpty else { return 0 }
        let style = theme.style(role)
        cncurses_set_attributes(window, style.attributes, style.pair)
        var characters = shown.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        mvwaddnwstr(window, Int32(row), Int32(column), &characters, Int32(characters.count))
        cncurses_set_attributes(window, cncurses_normal(), 0)
        return CellWidth.of(shown)
    }

    /// Spaces over `width` cells, in the style's background (a button's, a bar's).
    func blank(row: Int, column: Int, width: Int, _ role: Theme.Role = .value) {
        guard width > 0 else { return }
        put(String(repeating: " ", count: width), row: row, column: column, width: width, role)
    }

    func horizontalLine(row: Int) {
        put(String(repeating: "─", count: columns), row: row, column: 0, .border)
    }

    /// A box with a border, its inside blanked, for dialogs.
    func box(top: Int, left: Int, height: Int, width: Int, title: String) {
        put("╭" + String(repeating: "─", count: width - 2) + "╮", row: top, column: left, .border)
        for row in top + 1..<top + height - 1 {
            put("│", row: row, column: left, .border)
            blank(row: row, column: left + 1, width: width - 2)
            put("│", row: row, column: left + width - 1, .border)
        }
        put("╰" + String(repeating: "─", count: width - 2) + "╯", row: top + height - 1, column: left, .border)
        put(" \(title) ", row: top, column: left + 2, width: width - 4, .title)
    }
}
