import CNCurses
import Foundation
import LakeflowAuthCore

/// The full-screen form's controller: it draws the session's snapshot and turns keys into session
/// actions. What it keeps of its own is only how the screen looks: focus, the cursor, scrolling, what
/// is revealed, and a line of status.
final class CursesForm {
    let screen: CursesScreen
    let bridge: SessionBridge
    let keys: KeyReader
    let theme: Theme
    let environment: [String: String]
    let note: [String]

    var snapshot: SetupSnapshot!
    var focus: FormFocus = .save
    var editor = FieldEditor(text: "")
    /// The focused secret is shown as typed, from one Ctrl-R to the next or until the focus moves.
    var revealed = false
    var scrollTop = 0
    var status: (text: String, role: Theme.Role)?
    /// The last failed check, kept after Edit to show under the fields it named.
    var lastFailure: CheckFailure?
    var typedSomething = false
    var checkStarted: ContinuousClock.Instant?

    init(screen: CursesScreen, bridge: SessionBridge, environment: [String: String], note: [String]) {
        self.screen = screen
        self.bridge = bridge
        self.environment = environment
        self.note = note.map(TerminalText.sanitized)
        keys = KeyReader(window: screen.window)
        theme = Theme.make(colors: screen.hasColors)
    }

    var form: Form { snapshot.form }

    func run(authMethod: String?) throws -> SavedSetup {
        let environment = self.environment
        // The empty form first: a passphrase dialog during the prefill is drawn over it.
        snapshot = try perform { await $0.snapshot }
        snapshot = try perform { try await $0.prefill(environment: environment, authMethod: authMethod) }
        focus = initialFocus()
        loadEditor()
        while true {
            draw()
            if let saved = try handle(nextKey()) { return saved }
        }
    }

    /// The next key, waiting as long as it takes: in slices, because a resize signal caught on another
    /// thread only shows (as a resize key) when the read returns.
    func nextKey() -> Key {
        while true {
            if let key = keys.next(waiting: 250) { return key }
        }
    }

    /// The first required field with nothing in it, else the selector or the first field.
    private func initialFocus() -> FormFocus {
        if form.needsAuthMethod { return .authMethod }
        if let empty = form.fieldStates.first(where: { $0.option.required && $0.value == nil && $0.defaultValue == nil }) {
            return .field(empty.option.name)
        }
        return FormFocus.order(of: form).first ?? .save
    }

    /// The focused field's state and how it is edited, when a field has the focus.
    var focusedField: (state: FieldState, kind: FieldKind)? {
        guard case let .field(name) = focus, let state = form.fieldStates.first(where: { $0.option.name == name }) else { return nil }
        return (state, FieldKind(state))
    }

    func handle(_ key: Key) throws -> SavedSetup? {
        if isTooSmall {
            if KeyBinding.command(for: key) == .cancel { try cancel() }
            return nil
        }
        switch key {
        case .resize:
            return nil
        case let .paste(text):
            paste(text)
            return nil
        case let .text(text) where isEditingText:
            edit { $0.insert(text) }
            return nil
        default:
            break
        }
        guard let command = KeyBinding.command(for: key) else { return nil }
        status = nil
        switch command {
        case .nextField: moveFocus(by: 1)
        case .previousField: moveFocus(by: -1)
        case .enter:
            if focus == .save { return try submit() }
            if focus == .authMethod && form.authMethod == nil { cycleAuthMethod(by: 1) }
            moveFocus(by: 1)
        case .save: return try submit()
        case .cancel: try cancel()
        case .help: showHelp()
        case .redraw: clearok(screen.window, true)
        case .reveal: if focusedField?.state.option.secret == true { revealed.toggle() }
        case .loadFile: if focusedField.map({ !isSelector($0.kind) }) == true { loadFromFile() }
        case .toggle, .cursorLeft, .cursorRight:
            change(command)
        case .lineStart, .lineEnd, .deleteBackward, .deleteForward, .deleteToStart, .deleteWord:
            editText(command)
        }
        return nil
    }

    /// Whether typed text goes into the focused field.
    private var isEditingText: Bool {
        guard let kind = focusedField?.kind, case .text = kind else { return false }
        return true
    }

    private func isSelector(_ kind: FieldKind) -> Bool {
        switch kind {
        case .choice, .toggle: return true
        case .text, .multiLine: return false
        }
    }

    private func editText(_ command: FormCommand) {
        guard let field = focusedField else { return }
        if case .multiLine = field.kind {
            if command == .deleteBackward || command == .deleteForward || command == .deleteToStart { setFocused(nil) }
            return
        }
        switch command {
        case .lineStart: editor.moveToStart()
        case .lineEnd: editor.moveToEnd()
        case .deleteBackward: edit { $0.deleteBackward() }
        case .deleteForward: edit { $0.deleteForward() }
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
            guard let (state, kind) = focusedField else { return }
            switch kind {
            case .text:
                if command == .cursorLeft { editor.moveLeft() } else if command == .cursorRight { editor.moveRight() }
            case let .choice(choices):
                let current = (state.value ?? state.defaultValue).flatMap { choices.firstIndex(of: $0) }
                let next = current.map { ($0 + step + choices.count) % choices.count } ?? (step > 0 ? 0 : choices.count - 1)
                setFocused(choices[next])
            case .toggle:
                let current = (state.value ?? state.defaultValue).map { ValueRules.parse($0, for: state.option) }
                setFocused(current == .success(.bool(true)) ? "false" : "true")
            case .multiLine:
                break
            }
        }
    }

    private func cycleAuthMethod(by step: Int) {
        let methods = form.spec.authMethods.map(\.name)
        guard !methods.isEmpty else { return }
        let current = form.authMethod.flatMap { methods.firstIndex(of: $0.name) }
        let next = current.map { ($0 + step + methods.count) % methods.count } ?? 0
        let name = methods[next]
        if let changed = try? perform({ try await $0.chooseAuthMethod(name) }) { snapshot = changed }
        typedSomething = true
    }

    /// Applies an edit to the focused text field and gives the session the new value.
    private func edit(_ change: (inout FieldEditor) -> Void) {
        change(&editor)
        setFocused(editor.text)
    }

    /// A paste lands whole in the focused field: inserted at the cursor when it is one line, replacing
    /// the value when it has several (a key, a JSON document).
    private func paste(_ text: String) {
        guard let (_, kind) = focusedField, !isSelector(kind), !text.isEmpty else { return }
        if ValueDisplay.lineCount(text) == nil, case .text = kind {
            edit { $0.insert(text) }
        } else {
            setFocused(text)
            editor = FieldEditor(text: text)
            if let lines = ValueDisplay.lineCount(text) { status = ("pasted \(lines) lines", .note) }
        }
    }

    func setFocused(_ value: String?) {
        guard case let .field(name) = focus else { return }
        typedSomething = true
        snapshot = (try? perform { await $0.set(name, value) }) ?? snapshot
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
        snapshot = (try? perform { await $0.leave(name) }) ?? snapshot
    }

    func loadEditor() {
        editor = FieldEditor(text: focusedField?.state.value ?? "")
    }

    /// Esc or Ctrl-C: asks first when something was typed; ends with nothing saved.
    private func cancel() throws {
        if typedSomething && !confirm(title: "Quit without saving?", lines: ["What you typed will be lost."],
                                      buttons: ["Keep editing", "Quit"], shortcuts: ["n", "y"]) {
            return
        }
        _ = try? perform { await $0.cancel() }
        throw PlainFormError.cancelled
    }

    /// Runs a session action from this thread, a passphrase prompt as a dialog.
    func perform<T: Sendable>(tick: Duration = .milliseconds(80), onTick: () -> Void = {},
                              _ work: @escaping @Sendable (SetupSession) async throws -> T) throws -> T {
        try bridge.perform(work, tick: tick, onTick: onTick) { [unowned self] path, attempt in
            askPassphrase(identityPath: path, attempt: attempt)
        }
    }
}
