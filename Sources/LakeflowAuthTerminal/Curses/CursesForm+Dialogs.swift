import CNCurses
import Foundation
import LakeflowAuthCore

extension CursesForm {
    /// Shows `dialog` until a button is chosen (←/→/Tab and Enter, or a button's shortcut letter); nil
    /// when Esc or Ctrl-C closes it.
    func choose(_ dialog: Dialog, shortcuts: [Character]) -> Int? {
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
                return dialog.selected
            case .escape, .ctrl("c"):
                return nil
            case let .text(text):
                if let letter = text.lowercased().first, let index = shortcuts.firstIndex(of: letter) { return index }
            default:
                break
            }
        }
    }

    /// Asks a yes-or-no question; true when the last button is chosen.
    func confirm(title: String, lines: [String], buttons: [String], shortcuts: [Character]) -> Bool {
        choose(Dialog(title: title, lines: lines.map { ($0, .value) }, buttons: buttons), shortcuts: shortcuts) == buttons.count - 1
    }

    /// Asks for one line of text in a dialog; nil when Esc closes it. `validate` returns why an answer
    /// is refused, shown in the dialog until the next try.
    func askLine(title: String, lines: [String], secret: Bool, validate: (String) -> String? = { _ in nil }) -> String? {
        var editor = FieldEditor(text: "")
        var problem: String?
        while true {
            let cells = Dialog.inputCells(columns: screen.columns)
            let view = editor.view(cells: cells) { secret ? "•" : ValueDisplay.visible(String($0)) }
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
                switch KeyBinding.command(for: key) {
                case .cursorLeft: editor.moveLeft()
                case .cursorRight: editor.moveRight()
                case .lineStart: editor.moveToStart()
                case .lineEnd: editor.moveToEnd()
                case .deleteBackward: editor.deleteBackward()
                case .deleteForward: editor.deleteForward()
                case .deleteToStart: editor.deleteToStart()
                case .deleteWord: editor.deleteWord()
                default: break
                }
            }
        }
    }

    /// The session's passphrase prompt, as a dialog over the form.
    func askPassphrase(identityPath: String, attempt: Int) -> String? {
        var lines = ["This machine's identity is protected by a passphrase:", TerminalText.sanitized(identityPath)]
        if attempt > 1 { lines.append("That passphrase was wrong; try again.") }
        return askLine(title: "Passphrase", lines: lines, secret: true)
    }

    /// Ctrl-O: the focused field's value from a file, read whole.
    func loadFromFile() {
        guard case let .field(name) = focus else { return }
        let environment = self.environment
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
