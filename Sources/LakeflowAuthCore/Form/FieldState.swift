/// One field as a front end draws it: the option, the control it calls for, what it holds and where
/// that came from, and what the last checks said of it.
public struct FieldState: Sendable {
    public let option: ConnectorOption
    public let control: FieldControl
    /// The value as typed; nil when none was (the default, if any, applies).
    public let value: String?
    /// Where `value` came from; nil when there is none.
    public let origin: ValueOrigin?
    public let error: FieldError?
    /// The last failed check named this field (a rejected key, an unknown host).
    public let concernedByCheck: Bool
    /// The sign-in that fills the field when it is left empty (the code flow's refresh token).
    public let signIn: OAuthSignIn?

    /// Whether the form cannot be saved without a value here: a sign-in fills a required field itself.
    public var isRequired: Bool { option.required && signIn == nil }

    public var defaultValue: String? { option.defaultValue }

    /// What the field shows at rest; nil when it holds nothing and has no default.
    public var summary: String? {
        (value ?? option.defaultValue).map { ValueDisplay.summary($0, of: option) }
    }
}

/// Where a field's value came from, so a front end that cannot show a secret can say what it keeps.
public enum ValueOrigin: Sendable, Equatable {
    /// The credentials stored before this setup.
    case stored
    /// An env var (or the file its `_FILE` variable names).
    case environment
    /// The person, during this setup.
    case typed
}

extension Form {
    /// Every field of the chosen method, in form order, with its value and marks.
    public var fieldStates: [FieldState] {
        let endpoints = Set(spec.oauthEndpointFields(for: authMethod).map(\.name))
        return fields.map { option in
            FieldState(option: option, control: FieldControl(option, isOAuthEndpoint: endpoints.contains(option.name)),
                       value: values[option.name], origin: values[option.name] == nil ? nil : origins[option.name] ?? .typed,
                       error: errors.first { $0.option == option.name }, concernedByCheck: concernedByCheck.contains(option.name),
                       signIn: signIn(filling: option.name))
        }
    }
}
