import LakeflowAuthCore

/// Where the keyboard is: the auth method selector, a field (by option name), or Save.
enum FormFocus: Hashable {
    case authMethod
    case field(String)
    case save

    /// Every stop, top to bottom; the selector only when there is a choice to make.
    static func order(of form: Form) -> [FormFocus] {
        (form.spec.authMethods.count > 1 ? [.authMethod] : []) + form.fields.map { .field($0.name) } + [.save]
    }
}

/// How a field is edited, by its option and value.
enum FieldKind {
    case text
    case choice([String])
    case toggle
    /// A value of several lines (a pasted key): replaced whole, never edited in place.
    case multiLine

    init(_ state: FieldState) {
        if state.option.type == .boolean {
            self = .toggle
        } else if !state.option.choices.isEmpty {
            self = .choice(state.option.choices)
        } else if let value = state.value, ValueDisplay.lineCount(value) != nil {
            self = .multiLine
        } else {
            self = .text
        }
    }
}
