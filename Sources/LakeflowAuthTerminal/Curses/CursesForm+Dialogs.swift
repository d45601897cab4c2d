import CNCurses
import FoundationEssentials
import LakeflowAuthCore

/// How a dialog was left.
enum DialogAnswer: Equatable {
    /// A button, by its index.
    case button(Int)
    /// Esc: back to what was there.
    case dismissed
    /// Ctrl-C: the person wants out.
    case interrupted
}

extension CursesForm {
    /// Shows `dialog` until a button is chosen (←/→/Tab and Enter, or a button's shortcut letter), Esc
    /// closes it or Ctrl-C interrupts it.
    func choose(_ dialog: Dialog, shortcuts: [Character]) -> DialogAnswer {
        var dialog = dialog
        while true {
            showDialog(dialog)
            let key = nextKey()
            switch key {
            case .special(KEY_LEFT), .special(KEY_BTAB):
                dialog.selected = (dialog.selected + dialog.buttons.count - 1) % dialog.buttons.count
            case .special(KEY_RIGHT), .tab:
                dialog.selected = (dialog.selected + 1) % dialog.buttons.count
            case .enter, .control(10), .special(KEY_ENTER):
                return .button(dialog.selected)
            case .escape:
                return .dismissed
            case .ctrl("c"):
                return .interrupted
            case let .text(text):
                if let letter = text.lowercased().first, let index = shortcuts.firstIndex(of: letter) { return .button(index) }
            default:
                break
            }
        }
    }

    /// Asks for one line of text in a dialog; nil when Esc closes it. `validate` returns why an answer
    /// is refused, shown in the dialog until the next try.
    func askLine(title: String, lines: [String], secret: Bool, validate: (String) -> String? = { _ in nil }) -> String? {
        var editor = FieldEditor(text: "")
        var problem: String?
        while true {
            let cells = Dialog.inputCells(columns: screen.columns)
            let hidden = ValueDisplay.hidden(editor.text)
            let view = secret ? (text: hidden, cursorColumn: CellWidth.of(hidden)) : editor.view(cells: cells) { ValueDisplay.visible(String($0)) }
            var shown = lines.map { (text: $0, role: Theme.Role.value) }
            if let problem { shown.append((theme.problemMark + " " + problem, .problem)) }
            shown.append(("Enter to confirm, Esc to go back", .note))
            showDialog(Dialog(title: title, lines: shown, input: (view.text, view.cursorColumn)))
            let key = nextKey()
            switch key {
            case let .text(text): editor.insert(text)
            case let .paste(text): editor.insert(text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
            case .escape, .ctrl("c"): return nil
            case .enter, .control(10), .special(KEY_ENTER):
                if let refusal = validate(editor.text) { problem = refusal } else { return editor.text }
            default:
                // A hidden answer is edited at its end: it has no visible cursor to move.
                switch KeyBinding.command(for: key) {
                case .cursorLeft where !secret: editor.moveLeft()
                case .cursorRight where !secret: editor.moveRight()
                case .lineStart where !secret: editor.moveToStart()
                case .lineEnd: editor.moveToEnd()
                case .deleteBackward: editor.deleteBackward()
                case .deleteForward where !secret: editor.deleteForward()
                case .deleteToStart: editor.deleteToStart()
                case .deleteWord: editor.deleteWord()
                default: break
                }
            }
        }
    }

    /// Ctrl-O: the focused field's value from a file, read whole.
    func loadFromFile() {
        guard case let .field(name) = focus else { return }
        var loaded: String?
        _ = askLine(title: "Load \(TerminalText.sanitized(name)) from a file", lines: ["The file's path (~/ is your home folder):"],
                    secret: false) { path in
            do throws(ValueFileError) {
                loaded = try ValueFile.read(path, for: name)
                return nil
            } catch {
                return error.message
            }
        }
        guard let loaded else { return }
        setFocused(loaded)
        loadEditor()
        status = ("loaded " + (ValueDisplay.lineCount(loaded).map { "\($0) lines" } ?? "the value") + " into \(TerminalText.sanitized(name))", .note)
    }

    /// F1: every key binding, generated from the same list the keys are read by.
    func showHelp() {
        let width = KeyBinding.form.map { CellWidth.of($0.keyNames) }.max() ?? 0
        let lines = KeyBinding.form.map { binding in
            (text: binding.keyNames + String(repeating: " ", count: width - CellWidth.of(binding.keyNames)) + "  " + binding.action,
             role: Theme.Role.value)
        }
        _ = choose(Dialog(title: "Keys", lines: lines + [("", .value), ("Required fields are marked \(theme.requiredMark).", .note)],
                          buttons: ["Close"]), shortcuts: ["q"])
    }

    func showDialog(_ dialog: Dialog) {
        var cursor: (row: Int, column: Int)?
        draw { canvas in cursor = dialog.draw(on: canvas) }
        if isTooSmall { return }
        present(cursor: cursor)
    }
}
