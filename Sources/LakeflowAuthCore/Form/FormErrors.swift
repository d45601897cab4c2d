/// A form that cannot give credentials yet.
public struct InvalidForm: UserFacingError, Equatable {
    public let connector: String
    public let errors: [FieldError]
    /// The methods to choose from, when none was chosen.
    public let authMethodMissing: [String]?

    public var message: String {
        if let methods = authMethodMissing {
            return "choose an auth method for \(connector): \(methods.joined(separator: ", "))"
        }
        return errors.map { $0.message() }.joined(separator: "; ")
    }

    public var exitStatus: ExitStatus { .badInput }
}

public enum AuthMethodError: UserFacingError, Equatable {
    case unknown(String, connector: String, available: [String])
    /// A form that asks only for the secret options keeps the auth method it has.
    case kept(String, connector: String)

    public var message: String {
        switch self {
        case let .unknown(name, connector, available):
            return available.isEmpty
                ? "\(connector) has no auth methods, so \"\(TerminalText.excerpt(name))\" cannot be chosen"
                : "\(connector) has no auth method \"\(TerminalText.excerpt(name))\"; choose one of: \(available.joined(separator: ", "))"
        case let .kept(name, connector):
            return "only the secret options of \(connector) are asked here, so the auth method stays \(TerminalText.excerpt(name))"
        }
    }

    public var hints: [String] {
        switch self {
        case .unknown: return []
        case let .kept(_, connector): return ["to change the auth method, run `\(ConnectorName.setupCommand(connector))`"]
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
