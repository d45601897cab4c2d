/// Why one value cannot be used. The text is for the person at the form, whichever front end shows it,
/// and never repeats the value itself (it may be a secret).
public enum FieldProblem: Error, Sendable, Equatable {
    case missing
    case controlCharacter
    case notUTF8
    case notInteger
    case notNumber
    case notBoolean
    case notURL
    /// An OAuth endpoint over plain http to another machine: the client secret would travel in clear.
    case insecureURL(host: String)
    case notAChoice(choices: [String])
    case patternMismatch(pattern: String, example: String?)
    case unknownOption(connector: String)
    case otherAuthMethod(owner: String, chosen: String)

    public var text: String {
        switch self {
        case .missing: return "is required"
        case .controlCharacter: return "must not contain control characters (line breaks, tabs, NUL)"
        case .notUTF8: return "must be UTF-8 text (it holds bytes that are not, or U+FFFD)"
        case .notInteger: return "must be a whole number, like 42"
        case .notNumber: return "must be a number, like 1.5"
        case .notBoolean: return "must be true or false"
        case .notURL: return "must be a URL with a scheme and a host, like https://api.example.com"
        case let .insecureURL(host): return "must be https: plain http is allowed only to this machine, not to \(TerminalText.excerpt(host))"
        case let .notAChoice(choices): return "must be one of: " + TerminalText.excerpt(choices.joined(separator: ", "), limit: 200)
        case let .patternMismatch(pattern, example):
            return "must match \(TerminalText.excerpt(pattern, limit: 200))" + (example.map { " (for example: \(TerminalText.excerpt($0)))" } ?? "")
        case let .unknownOption(connector): return "is not an option of \(connector)"
        case let .otherAuthMethod(owner, chosen):
            return "belongs to the auth method \(owner), not to \(chosen)"
        }
    }
}

/// A problem with one option's value, named by the option.
public struct FieldError: Sendable, Equatable {
    public let option: String
    public let problem: FieldProblem

    public init(option: String, problem: FieldProblem) {
        self.option = option
        self.problem = problem
    }

    /// `region: must be one of: us, eu`; front ends that name fields differently (env vars) pass `label`.
    public func message(label: String? = nil) -> String {
        "\(label ?? option) \(problem.text)"
    }
}
