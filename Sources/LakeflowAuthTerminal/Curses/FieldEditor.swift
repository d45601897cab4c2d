/// The text of the focused field and the cursor in it, counted in graphemes: one press of ← moves over
/// "é", "漢" or "👍🏽" whole, and a combining accent typed after a letter joins it.
struct FieldEditor {
    private(set) var text: String
    /// Graphemes before the cursor.
    private(set) var cursor: Int

    init(text: String) {
        self.text = text
        cursor = text.count
    }

    mutating func insert(_ typed: String) {
        let before = String(text.prefix(cursor)) + typed
        text = before + text.dropFirst(cursor)
        cursor = min(before.count, text.count)
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text = String(text.prefix(cursor - 1)) + text.dropFirst(cursor)
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < text.count else { return }
        text = String(text.prefix(cursor)) + text.dropFirst(cursor + 1)
    }

    mutating func deleteToStart() {
        text = String(text.dropFirst(cursor))
        cursor = 0
    }

    /// Deletes the spaces before the cursor, then the word before them (the shell's Ctrl-W).
    mutating func deleteWord() {
        let before = Array(text.prefix(cursor))
        var start = before.count
        while start > 0, before[start - 1].isWhitespace { start -= 1 }
        while start > 0, !before[start - 1].isWhitespace { start -= 1 }
        text = String(before[..<start]) + text.dropFirst(cursor)
        cursor = start
    }

    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    mutating func moveToStart() { cursor = 0 }
    mutating func moveToEnd() { cursor = text.count }

    /// What fits in `cells`, scrolled so the cursor shows, and the cursor's cell within it.
    /// `display` turns each grapheme into what is drawn for it (a `•` for a secret).
    func view(cells: Int, display: (Character) -> String) -> (text: String, cursorColumn: Int) {
        let shown = text.map(display)
        let widths = shown.map(CellWidth.of)
        var start = 0
        // Room for the cursor itself after the last grapheme.
        while start < cursor, widths[start..<cursor].reduce(0, +) >= cells { start += 1 }
        var visible = ""
        var used = 0
        var cursorColumn = 0
        for index in start..<shown.count {
            if index == cursor { cursorColumn = used }
            guard used + widths[index] <= cells else { break }
            visible += shown[index]
            used += widths[index]
        }
        if cursor == shown.count { cursorColumn = used }
        return (visible, cursorColumn)
    }
}
