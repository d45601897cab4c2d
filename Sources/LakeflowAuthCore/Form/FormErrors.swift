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

    public var message: String {
        switch self {
        case let .unknown(name, connector, available):
            return available.isEmpty
                ? "\(connector) has no auth methods, so \"\(TerminalText.excerpt(name))\" cannot be chosen"
                : "\(connector) has no auth method \"\(TerminalText.excerpt(name))\"; choose one of: \(available.joined(separator: ", "))"
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
