import CNCurses
import LakeflowAuthCore

extension CursesForm {
    var isTooSmall: Bool {
        screen.rows < FormLayout.minimumRows || screen.columns < FormLayout.minimumColumns
    }

    var canvas: Canvas { Canvas(window: screen.window, theme: theme, rows: screen.rows, columns: screen.columns) }

    /// Draws the whole frame from the snapshot; curses sends only the cells that changed.
    func draw(overlay: ((Canvas) -> Void)? = nil) {
        let canvas = self.canvas
        werase(screen.window)
        guard !isTooSmall else {
            drawTooSmall(canvas)
            return present(cursor: nil)
        }
        let noteLines = FormLayout.wrap(note: note, columns: canvas.columns)
        let help = helpText()
        let helpLines = WordWrap.lines(help.text, width: FormLayout.helpWidth(columns: canvas.columns))
        let layout = FormLayout(rows: canvas.rows, columns: canvas.columns, noteLines: noteLines.count, helpLines: helpLines.count)
        drawHeader(canvas, layout, note: noteLines)
        let cursor = drawBody(canvas, layout)
        drawHelp(canvas, layout, lines: helpLines, detail: help.detail)
        drawStatus(canvas, layout)
        drawFooter(canvas, layout)
        if let overlay {
            overlay(canvas)
            return
        }
        present(cursor: snapshot.state.isCheckInFlight ? nil : cursor)
    }

    /// Shows the frame, with the terminal's cursor where typing goes (or hidden).
    func present(cursor: (row: Int, column: Int)?) {
        if let cursor {
            curs_set(1)
            wmove(screen.window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(screen.window)
        doupdate()
    }

    private func drawTooSmall(_ canvas: Canvas) {
        let lines = ["terminal too small", "needs \(FormLayout.minimumColumns)x\(FormLayout.minimumRows), is \(canvas.columns)x\(canvas.rows)"]
        for (offset, line) in lines.enumerated() {
            let row = canvas.rows / 2 - 1 + offset
            canvas.put(line, row: row, column: max(0, (canvas.columns - CellWidth.of(line)) / 2), offset == 0 ? .problem : .note)
        }
    }

    private func drawHeader(_ canvas: Canvas, _ layout: FormLayout, note: [String]) {
        let title = " " + TerminalText.sanitized(form.spec.title) + " "
        let used = canvas.put(title, row: 0, column: 0, .title)
        if let editing = snapshot.editingNote {
            let width = CellWidth.of(editing)
            let column = canvas.columns - width - 1
            if column > used + 1 { canvas.put(editing, row: 0, column: column, .note) }
        } else {
            canvas.put("· set up credentials", row: 0, column: used, .note)
        }
        canvas.horizontalLine(row: 1)
        guard layout.headerRows > 2 else { return }
        for (offset, line) in note.enumerated() {
            canvas.put(line, row: 2 + offset, column: 2, width: canvas.columns - 3, .note)
        }
    }

    /// The fields; returns where the cursor goes when a text field has the focus.
    private func drawBody(_ canvas: Canvas, _ layout: FormLayout) -> (row: Int, column: Int)? {
        let lines = FormLayout.lines(of: form, lastFailure: lastFailure)
        let focusedLine = lines.firstIndex(of: line(for: focus)) ?? 0
        scrollTop = layout.scrollTop(current: scrollTop, lines: lines, focused: focusedLine)
        let labelWidth = layout.labelWidth(form)
        let valueColumn = 4 + labelWidth + 3
        let valueWidth = canvas.columns - valueColumn - 1
        var cursor: (row: Int, column: Int)?
        for (offset, line) in lines.dropFirst(scrollTop).prefix(layout.bodyHeight).enumerated() {
            let row = layout.bodyTop + offset
            switch line {
            case .authMethod:
                drawLabel(canvas, row: row, label: "auth method", width: labelWidth, focused: focus == .authMethod,
                          required: true, problem: false)
                drawChoices(canvas, row: row, column: valueColumn, width: valueWidth,
                            choices: form.spec.authMethods.map(\.name), chosen: form.authMethod?.name,
                            focused: focus == .authMethod, dim: false)
            case let .field(name):
                guard let state = form.fieldStates.first(where: { $0.option.name == name }) else { continue }
                let focused = focus == .field(name)
                drawLabel(canvas, row: row, label: TerminalText.sanitized(name), width: labelWidth, focused: focused,
                          required: state.isRequired, problem: state.error != nil || state.concernedByCheck)
                if let column = drawValue(canvas, state, row: row, column: valueColumn, width: valueWidth, focused: focused) {
                    cursor = (row, valueColumn + column)
                }
            case let .problem(_, text):
                let mark = theme.problemMark + " "
                canvas.put(mark + TerminalText.sanitized(text), row: row, column: valueColumn, width: valueWidth, .problem)
            case let .hint(text):
                canvas.put(text, row: row, column: valueColumn, width: valueWidth, .note)
            case .blank:
                break
            case .save:
                let focused = focus == .save
                if focused { canvas.put(theme.focusMark, row: row, column: 1, .mark) }
                let save = snapshot.saveChoice
                let used = canvas.put("[ \(save.label) ]", row: row, column: valueColumn, focused ? .focusedButton : .button)
                canvas.put(save.detail, row: row, column: valueColumn + used + 2,
                           width: canvas.columns - valueColumn - used - 3, .note)
            }
        }
        if scrollTop > 0 { canvas.put("▲ more", row: layout.bodyTop, column: canvas.columns - 8, .note) }
        if scrollTop + layout.bodyHeight < lines.count {
            canvas.put("▼ more", row: layout.bodyTop + layout.bodyHeight - 1, column: canvas.columns - 8, .note)
        }
        return cursor
    }

    private func line(for focus: FormFocus) -> FormLayout.Line {
        switch focus {
        case .authMethod: return .authMethod
        case let .field(name): return .field(name)
        case .save: return .save
        }
    }

    private func drawLabel(_ canvas: Canvas, row: Int, label: String, width: Int, focused: Bool, required: Bool, problem: Bool) {
        if focused { canvas.put(theme.focusMark, row: row, column: 1, .mark) }
        let shown = CellWidth.fitting(label, cells: width)
        let padded = shown + String(repeating: " ", count: max(0, width - CellWidth.of(shown)))
        canvas.put(" " + padded + " ", row: row, column: 2, focused ? .focusedLabel : .label)
        if required { canvas.put(theme.requiredMark, row: row, column: 4 + width, .mark) }
        if problem { canvas.put(theme.problemMark, row: row, column: 5 + width, .problem) }
    }

    /// A field's value, drawn as the core's control kind says; returns the cursor's column within it
    /// when the field is being typed in.
    private func drawValue(_ canvas: Canvas, _ state: FieldState, row: Int, column: Int, width: Int, focused: Bool) -> Int? {
        let option = state.option
        switch state.control {
        case let .choice(choices):
            drawChoices(canvas, row: row, column: column, width: width, choices: choices,
                        chosen: state.value ?? state.defaultValue, focused: focused, dim: state.value == nil)
            return nil
        case .toggle:
            let current = (state.value ?? state.defaultValue).map { ValueRules.parse($0, for: option) }
            let text: String
            switch current {
            case .success(.bool(true)): text = theme.on + " yes"
            case .success(.bool(false)): text = theme.off + " no"
            default: text = theme.off + " (not set)"
            }
            canvas.put(text, row: row, column: column, width: width, focused ? .selected : (state.value == nil ? .placeholder : .value))
            return nil
        case .lines:
            // Taken whole and edited at its end: at rest its summary, while typed its summary and the
            // line being typed (neither for a secret, which shows its mask).
            let value = focused ? editor.text : state.value ?? ""
            guard !value.isEmpty else {
                if !focused, let placeholder = placeholder(for: state) { canvas.put(placeholder, row: row, column: column, width: width, .placeholder) }
                if focused { canvas.put("paste it, type it, or Ctrl-O to load a file", row: row, column: column, width: width, .placeholder) }
                return focused ? 0 : nil
            }
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            let shown: String
            if option.secret && !(focused && revealed) {
                shown = focused ? ValueDisplay.hidden(value) : ValueDisplay.summary(value, of: option)
            } else if focused {
                shown = (lines.count > 1 ? "(\(lines.count) lines) " : "") + ValueDisplay.visible(String(lines.last ?? ""))
            } else {
                shown = ValueDisplay.summary(value, of: option)
            }
            let used = canvas.put(shown, row: row, column: column, width: width, .value)
            if focused {
                canvas.put("  Ctrl-U clears", row: row, column: column + used, width: width - used, .note)
            }
            return focused ? used : nil
        case .line, .secret, .oauthEndpoint:
            guard focused else {
                if let summary = state.value.map({ ValueDisplay.summary($0, of: option) }) {
                    canvas.put(summary, row: row, column: column, width: width, .value)
                } else if let placeholder = placeholder(for: state) {
                    canvas.put(placeholder, row: row, column: column, width: width, .placeholder)
                }
                return nil
            }
            if editor.text.isEmpty, let placeholder = placeholder(for: state) {
                canvas.put(placeholder, row: row, column: column, width: width, .placeholder)
                return 0
            }
            if state.control.hidesValue && !revealed {
                return canvas.put(ValueDisplay.hidden(editor.text), row: row, column: column, width: width, .value)
            }
            let view = editor.view(cells: width) { ValueDisplay.visible(String($0)) }
            canvas.put(view.text, row: row, column: column, width: width, .value)
            return view.cursorColumn
        }
    }

    /// The default, dim, as what an empty field will hold; the sign-in that fills it; else an example
    /// of what to type.
    private func placeholder(for state: FieldState) -> String? {
        let option = state.option
        if let value = option.defaultValue { return TerminalText.sanitized(value) }
        if let signIn = state.signIn { return TerminalText.sanitized(signIn.whenEmpty) }
        return option.example.map { "e.g. " + TerminalText.sanitized($0) }
    }

    /// A row of radio buttons; when they do not fit, the chosen one between arrows.
    private func drawChoices(_ canvas: Canvas, row: Int, column: Int, width: Int, choices: [String], chosen: String?,
                             focused: Bool, dim: Bool) {
        let items = choices.map { ($0 == chosen ? theme.chosen : theme.notChosen) + " " + TerminalText.sanitized($0) }
        let total = items.map(CellWidth.of).reduce(0, +) + 2 * max(0, items.count - 1)
        guard total <= width else {
            let index = chosen.flatMap { choices.firstIndex(of: $0) }
            let text = "‹ " + (chosen.map(TerminalText.sanitized) ?? "choose") + " ›" + (index.map { "  \($0 + 1)/\(choices.count)" } ?? "")
            canvas.put(text, row: row, column: column, width: width, focused ? .selected : .value)
            return
        }
        var at = column
        for (index, item) in items.enumerated() {
            let isChosen = choices[index] == chosen
            let role: Theme.Role = isChosen ? (focused ? .focusedButton : (dim ? .placeholder : .selected)) : .value
            at += canvas.put(item, row: row, column: at, role) + 2
        }
    }

    /// What the help area says of the focused item, whole (the area grows to hold it), and a line of
    /// details under it.
    private func helpText() -> (text: String, detail: String) {
        var detail: [String] = []
        let text: String
        switch focus {
        case .authMethod:
            text = form.authMethod.map { "\($0.name): \($0.description)" } ?? "How to authenticate with \(form.spec.title)."
            detail.append("methods: " + form.spec.authMethods.map(\.name).joined(separator: ", "))
        case .save:
            text = sentence(snapshot.saveChoice.detail) + " (age, in \(environment["LAKEFLOW_AUTH_HOME"] ?? "the credential store"))."
        case let .field(name):
            let option = form.field(name)
            // Where the credential is made, from the check layer, after what it is.
            let hint = option.flatMap { FieldHint($0).line }
            let signIn = form.signIn(filling: name)?.note
            text = [option?.description, hint, signIn].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            if let option {
                if let value = option.defaultValue { detail.append("default \(value)") }
                if !option.choices.isEmpty { detail.append("one of " + option.choices.joined(separator: ", ")) }
                detail.append("env var \(option.envVar)")
                if option.secret { detail.append("secret") }
                if option.multiline { detail.append("several lines: Enter on an empty line or after the END line ends it") }
            }
        }
        return (TerminalText.sanitized(text), TerminalText.sanitized(detail.joined(separator: " · ")))
    }

    private func drawHelp(_ canvas: Canvas, _ layout: FormLayout, lines wrapped: [String], detail: String) {
        canvas.horizontalLine(row: layout.helpTop)
        var lines = wrapped
        let room = layout.helpRows - 1
        if lines.count > room { lines = Array(lines.prefix(room)); lines[room - 1] += " …" }
        for (offset, line) in lines.enumerated() {
            canvas.put(line, row: layout.helpTop + 1 + offset, column: 2, width: canvas.columns - 3, .help)
        }
        canvas.put(detail, row: layout.helpTop + layout.helpRows, column: 2, width: canvas.columns - 3, .note)
    }

    private func drawStatus(_ canvas: Canvas, _ layout: FormLayout) {
        if case let .checking(started) = snapshot.state {
            let used = canvas.put(" " + spinnerFrame(since: started) + " ", row: layout.statusRow, column: 1, .spinner)
            canvas.put("Checking the credentials with \(TerminalText.sanitized(form.spec.title))… \(elapsed(since: started))",
                       row: layout.statusRow, column: 1 + used, width: canvas.columns - used - 2, .value)
        } else if let status {
            canvas.put(" " + TerminalText.sanitized(status.text), row: layout.statusRow, column: 1, width: canvas.columns - 2, status.role)
        }
    }

    private func drawFooter(_ canvas: Canvas, _ layout: FormLayout) {
        let hints: [(keys: String, action: String)]
        if snapshot.state.isCheckInFlight {
            hints = [("Esc", "cancel the check"), ("Ctrl-C", "quit")]
        } else {
            let field = focusedField
            hints = KeyBinding.footerBindings.filter { binding in
                switch binding.command {
                case .reveal: return field?.control.hidesValue == true
                case .loadFile: return field?.control.takesText == true
                default: return true
                }
            }.map { ($0.shortKeyName, $0.footer?.label ?? $0.action) }
        }
        var column = 1
        for hint in hints {
            let width = CellWidth.of(hint.keys) + 1 + CellWidth.of(hint.action) + 3
            guard column + width <= canvas.columns - 1 else { continue }
            column += canvas.put(hint.keys, row: layout.footerRow, column: column, .footerKey) + 1
            column += canvas.put(hint.action, row: layout.footerRow, column: column, .footerText) + 3
        }
    }
}
