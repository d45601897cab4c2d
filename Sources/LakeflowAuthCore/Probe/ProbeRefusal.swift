/// The check refused to send, before anything was sent: the request would be unusable, would carry
/// credentials where they may not go, or a key cannot sign. Never quotes a url or a value, since the
/// templates may have put a secret into them.
public struct ProbeRefusal: UserFacingError, Equatable {
    public enum Problem: Sendable, Equatable {
        /// Plain http (or another scheme) to a host that is not this machine.
        case insecure(host: String)
        /// The filled template is not an absolute http or https URL.
        case malformed
        /// A value would put a control character into the url or a header (a stored file not
        /// written by this tool can hold one).
        case controlCharacter
        /// A built-in check would send a secret to a host that neither the person's values nor the
        /// layer named (README: "Where a secret may go").
        case secretToHost(host: String)
        /// A header or query name filled from a value is not a name HTTP allows.
        case headerName(String)
        /// A JWT cannot be signed with the key the option holds; `detail` says why, never the key.
        case badKey(option: String?, detail: String)
    }

    public let connector: String
    public let problem: Problem
    /// The options to correct (those that fill the URL's host, the key), so a front end can mark them.
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
        case let .secretToHost(host):
            return "the \(connector) check would send a secret to \(TerminalText.excerpt(host)), which neither your values nor the built-in check name"
        case let .headerName(name):
            return "the \(connector) check would send a header named \"\(TerminalText.excerpt(name))\", which is not an HTTP header name"
        case let .badKey(option, detail):
            return "the value of \(option ?? "the key") \(detail)"
        }
    }

    public var hints: [String] {
        let names = options.isEmpty ? "the url options" : options.joined(separator: ", ")
        switch problem {
        case .insecure:
            return ["plain http is allowed only for this machine (localhost, 127.0.0.0/8, ::1); check \(names)"]
        case .malformed, .controlCharacter, .headerName:
            return ["check \(names)"]
        case .secretToHost:
            return ["a built-in check sends secrets only to hosts from your own values or its own defaults; check \(names)"]
        case .badKey:
            return ["paste the whole private key, from -----BEGIN to -----END, unencrypted"]
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
