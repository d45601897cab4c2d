/// What kind of control a field is, decided once from the spec model for every front end: the
/// full-screen form's editors, the line form's questions and the page's inputs all follow it, so a
/// value the spec calls multi-line is taken whole everywhere and a secret is hidden everywhere.
public enum FieldControl: Sendable, Equatable {
    /// One line of text.
    case line
    /// One line, hidden as it is typed and at rest.
    case secret
    /// Several lines taken whole (a PEM key, a JSON document); hidden too when the option is secret.
    case lines(secret: Bool)
    /// One of the option's choices.
    case choice([String])
    /// Yes or no.
    case toggle
    /// An OAuth endpoint or scope of the tool's own, prefilled from the spec's `oauth` block: one line,
    /// kept apart from the connector's options.
    case oauthEndpoint

    /// The control for `option`; `isOAuthEndpoint` for the fields `ConnectorSpec.oauthEndpointFields` adds.
    public init(_ option: ConnectorOption, isOAuthEndpoint: Bool = false) {
        if isOAuthEndpoint {
            self = .oauthEndpoint
        } else if option.type == .boolean {
            self = .toggle
        } else if !option.choices.isEmpty {
            self = .choice(option.choices)
        } else if option.multiline {
            self = .lines(secret: option.secret)
        } else {
            self = option.secret ? .secret : .line
        }
    }

    /// Whether what is typed is hidden (a password field, a masked text area).
    public var hidesValue: Bool {
        switch self {
        case .secret, .lines(secret: true): return true
        default: return false
        }
    }

    /// Whether the value is text the person types (not a choice or a switch).
    public var takesText: Bool {
        switch self {
        case .choice, .toggle: return false
        case .line, .secret, .lines, .oauthEndpoint: return true
        }
    }

    /// Whether the value may span lines.
    public var takesLines: Bool {
        if case .lines = self { return true }
        return false
    }
}
