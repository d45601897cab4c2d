import CNCurses
import FoundationEssentials
import LakeflowAuthCore

/// The full-screen form's controller: it sends the session actions and draws its latest snapshot,
/// which it reads from the session's mailbox (curses belongs to this thread, which cannot await). What
/// it keeps of its own is only how the screen looks: focus, the cursor, scrolling, what is revealed,
/// and a line of status.
final class CursesForm {
    let screen: CursesScreen
    let session: SetupSession
    let keys: KeyReader
    let theme: Theme
    let environment: [String: String]
    let note: [String]

    var snapshot: SetupSnapshot
    var focus: FormFocus = .save
    var editor = FieldEditor(text: "")
    /// The focused secret is shown as typed, from one Ctrl-R to the next or until the focus moves.
    var revealed = false
    var scrollTop = 0
    var status: (text: String, role: Theme.Role)?
    /// The last failed check, kept after Edit to show under the fields it named.
    var lastFailure: CheckFailure?
    /// Whether the form has been drawn for editing yet (a passphrase may be asked before).
    var editingStarted = false
    /// The method the form was first drawn with, to tell whether choosing another changed anything.
    var firstMethod: String?
    /// A submit was sent and its end (the form back with errors, or a check stopped) is still to be said.
    var awaitingSubmit = false

    init(screen: CursesScreen, session: SetupSession, environment: [String: String], note: [String]) {
        self.screen = screen
        self.session = session
        self.environment = environment
        self.note = note.map(TerminalText.sanitized)
        snapshot = session.mailbox.latest
        keys = KeyReader(window: screen.window)
        theme = Theme.make(colors: screen.hasColors)
    }

    var form: Form { snapshot.form }

    /// Draws and answers the session until it has ended: the form while editing, a dialog for each
    /// question it asks, the check's progress, the failed check's choices, the saved screen.
    func run() throws -> SavedSetup {
        while true {
            switch snapshot.state {
            case .editing:
                startEditing()
                draw()
                handle(nextKey())
            case .needsPassphrase:
                answerPassphrase()
            case .checking, .authorizing:
                watchCheck()
            case let .checkFailed(failure):
                reviewFailure(failure)
            case let .saved(saved):
                showSaved(saved)
                return saved
            case let .cancelled(reason):
                throw reason
            case let .failed(error):
                throw error
            }
        }
    }

    /// Sends `action` and waits until the session has applied it; the snapshot is then its.
    func perform(_ action: SetupAction) {
        let ticket = session.send(action)
        while true {
            let (latest, applied) = session.mailbox.wait(for: ticket, timeout: .seconds(1))
            snapshot = latest
            if applied { return }
        }
    }

    /// The session's latest snapshot, for what changes on its own (a check's end).
    func adoptLatest() {
        snapshot = session.mailbox.latest
    }

    /// The next key, waiting as long as it takes: in slices, because a resize signal caught on another
    /// thread only shows (as a resize key) when the read returns.
    func nextKey() -> Key {
        while true {
            if let key = keys.next(waiting: 250) { return key }
        }
    }

    /// The first time the form is edited (after any passphrase asked first), the focus goes to the
    /// first required field with nothing in it; after a submit, to what stopped it.
    private func startEditing() {
        if !editingStarted {
            editingStarted = true
            firstMethod = form.authMethod?.name
            focus = initialFocus()
            loadEditor()
        }
        guard awaitingSubmit else { return }
        awaitingSubmit = false
        guard let invalid = snapshot.invalid else { return }
        if let first = invalid.errors.first(where: { form.field($0.option) != nil }) {
            moveFocus(to: .field(first.option))
            let count = invalid.errors.count
            status = (count == 1 ? "1 field needs attention" : "\(count) fields need attention", .problem)
        } else {
            moveFocus(to: form.needsAuthMethod ? .authMethod : focus)
            status = (invalid.message, .problem)
        }
    }

    /// The first required field with nothing in it, else the selector or the first field.
    private func initialFocus() -> FormFocus {
        if form.needsAuthMethod { return .authMethod }
        if let empty = form.fieldStates.first(where: { $0.isRequired && $0.value == nil && $0.defaultValue == nil }) {
            return .field(empty.option.name)
        }
        return FormFocus.order(of: form).first ?? .save
    }

    /// The focused field's state, when a field has the focus.
    var focusedField: FieldState? {
        guard case let .field(name) = focus else { return nil }
        return form.fieldStates.first { $0.option.name == name }
    }

    func handle(_ key: Key) {
        if isTooSmall {
            if KeyBinding.command(for: key) == .cancel { requestQuit() }
            return
        }
        switch key {
        case .resize:
            return
        case let .paste(text):
            paste(text)
            return
        case let .text(text) where focusedField?.control.takesText == true:
            type(text)
            return
        default:
            break
        }
        guard let command = KeyBinding.command(for: key) else { return }
        status = nil
        switch command {
        case .nextField: moveFocus(by: 1)
        case .previousField: moveFocus(by: -1)
        case .enter: enter()
        case .save: submit()
        case .cancel: requestQuit()
        case .help: showHelp()
        case .redraw: clearok(screen.window, true)
        case .reveal: if focusedField?.control.hidesValue == true { revealed.toggle() }
        case .loadFile: if focusedField?.control.takesText == true { loadFromFile() }
        case .toggle, .cursorLeft, .cursorRight:
            change(command)
        case .lineStart, .lineEnd, .deleteBackward, .deleteForward, .deleteToStart, .deleteWord:
            editText(command)
        }
    }

    /// Enter: presses Save; in a many-line field, starts a new line until the value is whole (its END
    /// line, or an empty line, ends it as in the line form); elsewhere, moves on.
    private func enter() {
        if focus == .save { return submit() }
        if focus == .authMethod && form.authMethod == nil { cycleAuthMethod(by: 1) }
        if let field = focusedField, field.control.takesLines, !editor.text.isEmpty {
            let lines = editor.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if !MultilineValue.isComplete(lines) && lines.last?.isEmpty == false {
                return type("\n")
            }
            setFocused(MultilineValue.joined(lines))
        }
        moveFocus(by: 1)
    }

    /// Text typed into the focused field: at the cursor of a one-line field, at the end of a many-line one.
    private func type(_ text: String) {
        if focusedField?.control.takesLines == true { editor.moveToEnd() }
        edit { $0.insert(text) }
    }

    private func editText(_ command: FormCommand) {
        guard let field = focusedField, field.control.takesText else { return }
        // A hidden value or a many-line one is edited at its end only: there is no visible cursor to move.
        let atEndOnly = field.control.takesLines || (field.control.hidesValue && !revealed)
        switch command {
        case .lineStart: if !atEndOnly { editor.moveToStart() }
        case .lineEnd: editor.moveToEnd()
        case .deleteBackward: edit { $0.deleteBackward() }
        case .deleteForward: if !atEndOnly { edit { $0.deleteForward() } }
        case .deleteToStart: edit { $0.deleteToStart() }
        case .deleteWord: edit { $0.deleteWord() }
        default: break
        }
    }

    /// ←, → and Space: the cursor in a text field, the choice in a selector.
    private func change(_ command: FormCommand) {
        let step = command == .cursorLeft ? -1 : 1
        switch focus {
        case .authMethod:
            cycleAuthMethod(by: step)
        case .save:
            break
        case .field:
            guard let field = focusedField else { return }
            switch field.control {
            case .line, .oauthEndpoint, .secret:
                // A hidden value has no visible cursor to move.
                guard !(field.control.hidesValue && !revealed) else { return }
                if command == .cursorLeft { editor.moveLeft() } else if command == .cursorRight { editor.moveRight() }
            case let .choice(choices):
                let current = (field.value ?? field.defaultValue).flatMap { choices.firstIndex(of: $0) }
                let next = current.map { ($0 + step + choices.count) % choices.count } ?? (step > 0 ? 0 : choices.count - 1)
                setFocused(choices[next])
            case .toggle:
                let current = (field.value ?? field.defaultValue).map { ValueRules.parse($0, for: field.option) }
                setFocused(current == .success(.bool(true)) ? "false" : "true")
            case .lines:
                break
            }
        }
    }

    private func cycleAuthMethod(by step: Int) {
        let methods = form.spec.authMethods.map(\.name)
        guard !methods.isEmpty else { return }
        let current = form.authMethod.flatMap { methods.firstIndex(of: $0.name) }
        let next = current.map { ($0 + step + methods.count) % methods.count } ?? 0
        perform(.chooseAuthMethod(methods[next]))
    }

    /// Applies an edit to the focused text field and gives the session the new value.
    private func edit(_ change: (inout FieldEditor) -> Void) {
        change(&editor)
        setFocused(editor.text)
    }

    /// A paste lands whole in the focused field: a many-line field takes it, exactly, in place of its
    /// value; a one-line field takes one line at the cursor, and refuses several, which are neither
    /// used nor shown.
    private func paste(_ text: String) {
        guard let field = focusedField, field.control.takesText, !text.isEmpty else { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let name = TerminalText.sanitized(field.option.name)
        if field.control.takesLines {
            // Byte for byte: a key's final line break is the key's.
            editor = FieldEditor(text: text)
            setFocused(text)
            status = ValueDisplay.lineCount(text).map { ("pasted \($0) lines into \(name)", .note) }
        } else if MultilineValue.joined(lines).contains("\n") {
            status = ("\(name) takes one line; the pasted lines were not used", .problem)
        } else {
            edit { $0.insert(lines[0]) }
        }
    }

    func setFocused(_ value: String?) {
        guard case let .field(name) = focus else { return }
        perform(.set(option: name, value: value))
    }

    func moveFocus(by step: Int) {
        let order = FormFocus.order(of: form)
        let index = order.firstIndex(of: focus) ?? 0
        moveFocus(to: order[(index + step + order.count) % order.count])
    }

    /// Leaves the focused field (the core checks it, and its message shows) and focuses another.
    func moveFocus(to target: FormFocus) {
        leaveFocused()
        focus = target
        revealed = false
        loadEditor()
    }

    func leaveFocused() {
        guard case let .field(name) = focus else { return }
        perform(.leave(option: name))
    }

    func loadEditor() {
        editor = FieldEditor(text: focusedField?.value ?? "")
    }

    /// Ctrl-S or Save: the core validates, then checks and saves on its own; the run loop draws what follows.
    func submit() {
        leaveFocused()
        awaitingSubmit = true
        perform(.submit)
    }

    /// Esc or Ctrl-C: asks first when leaving would lose something (what was typed, a method chosen),
    /// saying what; Ctrl-C again in that question quits, as Esc goes back.
    func requestQuit() {
        let typed = form.fieldStates.contains { $0.origin == .typed }
        let methodChanged = firstMethod != form.authMethod?.name
        if typed || methodChanged {
            let lines = typed ? ["What you typed will be lost."] : []
            let answer = choose(Dialog(title: "Quit without saving?", lines: lines.map { ($0, .value) }, buttons: ["Keep editing", "Quit"]),
                                shortcuts: ["n", "y"])
            switch answer {
            case .button(1), .interrupted: break
            case .button, .dismissed: return
            }
        }
        perform(.cancel)
    }
}
