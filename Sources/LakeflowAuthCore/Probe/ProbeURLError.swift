/// The probe URL cannot be used, found before any request is sent. Never quotes the URL itself,
/// since the template may have put a secret into it.
public struct ProbeURLError: UserFacingError, Equatable {
    public enum Problem: Sendable, Equatable {
        /// Plain http (or another scheme) to a host that is not this machine.
        case insecure(host: String)
        /// The filled template is not an absolute http or https URL.
        case malformed
        /// A value would put a control character into the url or a header (a stored file not
        /// written by this tool can hold one).
        case controlCharacter
    }

    public let connector: String
    public let problem: Problem
    /// The options that fill the URL's host, so a front end can mark them.
    public let options: [String]

    public init(connector: String, problem: Problem, options: [String]) {
        self.connector = connector
        self.problem = problem
        self.options = options
    }

    public var message: String {
        switch problem {
        case let .insecure(host):
            return "the \(connector) probe would send credentials to \(TerminalText.excerpt(host)) without https"
        case .malformed:
            return "the \(connector) probe url is not an absolute http or https address once its options are filled in"
        case .controlCharacter:
            return "the \(connector) probe would carry a control character (a line break, tab or NUL) in its url or a header"
        }
    }

    public var hints: [String] {
        let names = options.isEmpty ? "the url options" : options.joined(separator: ", ")
        switch problem {
        case .insecure:
            return ["plain http is allowed only for this machine (localhost, 127.0.0.0/8, ::1); check \(names)"]
        case .malformed, .controlCharacter:
            return ["check \(names)"]
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
