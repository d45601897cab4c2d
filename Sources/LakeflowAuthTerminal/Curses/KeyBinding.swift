import CNCurses

/// What a key asks the form to do.
enum FormCommand {
    case nextField, previousField
    case cursorLeft, cursorRight, lineStart, lineEnd
    case deleteBackward, deleteForward, deleteToStart, deleteWord
    case toggle, enter, save, cancel, help, reveal, loadFile, redraw
}

/// One key binding: the keys, how they are written, and what they do. The footer's hints and the help
/// screen are generated from the list, so they cannot disagree with what the keys do.
struct KeyBinding {
    let command: FormCommand
    let keys: [Key]
    /// "Ctrl-S", "Tab ↓".
    let keyNames: String
    let action: String
    /// Shown in the footer by this short label, in the order of `rank` as room allows; the rest only
    /// on the help screen.
    let footer: (rank: Int, label: String)?

    static let form: [KeyBinding] = [
        KeyBinding(command: .nextField, keys: [.tab, .special(KEY_DOWN)], keyNames: "Tab ↓", action: "next field", footer: (1, "next")),
        KeyBinding(command: .previousField, keys: [.special(KEY_BTAB), .special(KEY_UP)], keyNames: "Shift-Tab ↑",
                   action: "previous field", footer: nil),
        KeyBinding(command: .enter, keys: [.enter, .control(10), .special(KEY_ENTER)], keyNames: "Enter",
                   action: "next field; in a many-line field, a new line until the value ends; on Save, save", footer: nil),
        KeyBinding(command: .save, keys: [.ctrl("s")], keyNames: "Ctrl-S", action: "press the Save button", footer: (0, "save")),
        KeyBinding(command: .toggle, keys: [.text(" ")], keyNames: "Space",
                   action: "switch a choice or a yes/no field", footer: nil),
        KeyBinding(command: .cursorLeft, keys: [.special(KEY_LEFT)], keyNames: "←",
                   action: "move left; previous choice", footer: nil),
        KeyBinding(command: .cursorRight, keys: [.special(KEY_RIGHT)], keyNames: "→",
                   action: "move right; next choice", footer: nil),
        KeyBinding(command: .lineStart, keys: [.special(KEY_HOME), .ctrl("a")], keyNames: "Home Ctrl-A",
                   action: "start of the value", footer: nil),
        KeyBinding(command: .lineEnd, keys: [.special(KEY_END), .ctrl("e")], keyNames: "End Ctrl-E",
                   action: "end of the value", footer: nil),
        KeyBinding(command: .deleteBackward, keys: [.control(0x7F), .control(8), .special(KEY_BACKSPACE)],
                   keyNames: "Backspace", action: "delete before the cursor", footer: nil),
        KeyBinding(command: .deleteForward, keys: [.special(KEY_DC)], keyNames: "Delete",
                   action: "delete under the cursor", footer: nil),
        KeyBinding(command: .deleteToStart, keys: [.ctrl("u")], keyNames: "Ctrl-U",
                   action: "delete to the start (a pasted value: all of it)", footer: nil),
        KeyBinding(command: .deleteWord, keys: [.ctrl("w")], keyNames: "Ctrl-W", action: "delete the word before the cursor",
                   footer: nil),
        // A switch, not a key to hold: terminals report no key release.
        KeyBinding(command: .reveal, keys: [.ctrl("r")], keyNames: "Ctrl-R",
                   action: "show or hide the secret; moving on hides it", footer: (3, "show/hide")),
        KeyBinding(command: .loadFile, keys: [.ctrl("o")], keyNames: "Ctrl-O", action: "load the value from a file",
                   footer: (4, "load file")),
        KeyBinding(command: .redraw, keys: [.ctrl("l")], keyNames: "Ctrl-L", action: "redraw the screen", footer: nil),
        KeyBinding(command: .help, keys: [.special(cncurses_function_key(1))], keyNames: "F1", action: "help", footer: (5, "help")),
        KeyBinding(command: .cancel, keys: [.escape, .ctrl("c")], keyNames: "Esc Ctrl-C",
                   action: "quit without saving (asked first when something would be lost; Ctrl-C twice quits)", footer: (2, "quit")),
    ]

    private static let commands: [Key: FormCommand] = {
        var table: [Key: FormCommand] = [:]
        for binding in form { for key in binding.keys { table[key] = binding.command } }
        return table
    }()

    static func command(for key: Key) -> FormCommand? { commands[key] }

    /// The footer's bindings, most useful first.
    static var footerBindings: [KeyBinding] {
        form.filter { $0.footer != nil }.sorted { $0.footer!.rank < $1.footer!.rank }
    }

    /// The first of the key names, for the footer's short hint.
    var shortKeyName: String { keyNames.split(separator: " ").first.map(String.init) ?? keyNames }
}
