import LakeflowAuthCore

/// A box over the form: a title, lines of text, an optional input row and a row of buttons.
struct Dialog {
    let title: String
    var lines: [(text: String, role: Theme.Role)]
    var buttons: [String] = []
    var selected = 0
    /// What is typed in the input row, as drawn, and the cursor's cell in it.
    var input: (text: String, cursorColumn: Int)?

    /// Draws the box centred; returns where the cursor goes when there is an input row.
    func draw(on canvas: Canvas) -> (row: Int, column: Int)? {
        let width = min(canvas.columns - 2, 76)
        let inner = width - 4
        let wrapped = lines.flatMap { line in
            // Lines that fit keep their spacing (the help's columns); longer ones wrap at spaces.
            (CellWidth.of(line.text) <= inner ? [TerminalText.sanitized(line.text)]
                : WordWrap.lines(TerminalText.sanitized(line.text), width: inner)).map { ($0, line.role) }
        }
        let height = min(canvas.rows, 2 + 2 + wrapped.count + (input == nil ? 0 : 2) + (buttons.isEmpty ? 0 : 2))
        let top = max(0, (canvas.rows - height) / 2)
        let left = max(0, (canvas.columns - width) / 2)
        canvas.box(top: top, left: left, height: height, width: width, title: title)
        var row = top + 2
        for (text, role) in wrapped.prefix(max(0, height - 4 - (input == nil ? 0 : 2) - (buttons.isEmpty ? 0 : 2))) {
            canvas.put(text, row: row, column: left + 2, width: inner, role)
            row += 1
        }
        var cursor: (row: Int, column: Int)?
        if let input {
            row += 1
            canvas.put("› ", row: row, column: left + 2, .mark)
            canvas.put(input.text, row: row, column: left + 4, width: inner - 2, .value)
            cursor = (row, left + 4 + input.cursorColumn)
            row += 1
        }
        if !buttons.isEmpty {
            row += 1
            var column = left + 2
            for (index, button) in buttons.enumerated() {
                column += canvas.put(" \(button) ", row: row, column: column, index == selected ? .focusedButton : .button) + 2
            }
        }
        return cursor
    }

    /// The width an input row offers, for the editor's scrolling.
    static func inputCells(columns: Int) -> Int { min(columns - 2, 76) - 6 }
}
