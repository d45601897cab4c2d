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
