/// One field as a front end draws it: the option, what it holds, and what the last checks said of it.
public struct FieldState: Sendable {
    public let option: ConnectorOption
    /// The value as typed; nil when none was (the default, if any, applies).
    public let value: String?
    public let error: FieldError?
    /// The last failed check named this field (a rejected key, an unknown host).
    public let concernedByCheck: Bool

    public var defaultValue: String? { option.defaultValue }

    /// What the field shows at rest; nil when it holds nothing and has no default.
    public var summary: String? {
        (value ?? option.defaultValue).map { ValueDisplay.summary($0, of: option) }
    }
}

extension Form {
    /// Every field of the chosen method, in form order, with its value and marks.
    public var fieldStates: [FieldState] {
        fields.map { option in
            FieldState(option: option, value: values[option.name], error: errors.first { $0.option == option.name },
                       concernedByCheck: concernedByCheck.contains(option.name))
        }
    }
}
