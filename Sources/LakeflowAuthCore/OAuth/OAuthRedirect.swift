/// Where the code flow's provider sends the browser back: `http://127.0.0.1:<free port>/oauth/callback`
/// unless the person gives the address their OAuth app registered (`--redirect-uri`), since many
/// providers match the registered address exactly, port and path included (upstream's
/// `authenticate.py` registers `http://localhost:9876/oauth/callback`).
///
/// Loopback only, over plain http (RFC 8252 §7.3): the callback carries a code, and a listener that
/// anything but this machine could reach would be a way to steal it. The listener always binds
/// 127.0.0.1; `localhost` is the name the browser is sent to, which browsers resolve to 127.0.0.1.
public struct OAuthRedirect: Sendable, Equatable {
    public enum Host: String, Sendable {
        case ipv4Loopback = "127.0.0.1"
        case localhost
    }

    public static let defaultPath = "/oauth/callback"
    public static let standard = OAuthRedirect(host: .ipv4Loopback, port: nil, path: defaultPath)

    public let host: Host
    /// Nil: a free port, chosen when the listener starts (RFC 8252 asks providers to allow any port on
    /// a loopback redirect, and Google and Microsoft do).
    public let port: UInt16?
    public let path: String

    public init(host: Host, port: UInt16?, path: String) {
        self.host = host
        self.port = port
        self.path = path
    }

    /// The address as the person registered it, e.g. `http://localhost:9876/oauth/callback`.
    public init(_ text: String) throws(Problem) {
        guard let authority = URLAuthority(text), authority.scheme == "http" else {
            throw text.lowercased().hasPrefix("https:") ? .notPlainHTTP : .notURL
        }
        guard let host = Host(rawValue: authority.host) else { throw .notLoopback(host: authority.host) }
        let afterScheme = text.drop { $0 != ":" }.dropFirst(3)
        let pathAndRest = afterScheme.drop { !"/?#".contains($0) }
        guard !pathAndRest.contains("?"), !pathAndRest.contains("#") else { throw .hasQuery }
        guard !afterScheme.prefix(while: { !"/?#".contains($0) }).contains("@") else { throw .notURL }
        let path = pathAndRest.isEmpty ? "/" : String(pathAndRest)
        guard path.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else { throw .notURL }
        switch authority.port {
        case nil: port = nil
        case 0?: throw .portZero
        case let number?: port = UInt16(number)
        }
        self.host = host
        self.path = path
    }

    /// The redirect URI the authorization and token requests carry, with the port the listener got.
    public func uri(port bound: UInt16) -> String {
        "http://\(host.rawValue):\(bound)\(path)"
    }

    /// Why a given redirect address cannot be used.
    public enum Problem: Error, Equatable {
        case notURL
        case notPlainHTTP
        case notLoopback(host: String)
        case hasQuery
        case portZero

        public var message: String {
            switch self {
            case .notURL: return "--redirect-uri takes an address such as http://localhost:9876/oauth/callback"
            case .notPlainHTTP:
                return "--redirect-uri must be http: the callback is served on this machine, which has no certificate for it"
            case let .notLoopback(host):
                return "--redirect-uri must be on 127.0.0.1 or localhost, not \(TerminalText.excerpt(host)): the code it receives is for this machine only"
            case .hasQuery: return "--redirect-uri takes no query or fragment: the provider adds its own"
            case .portZero: return "--redirect-uri takes a port from 1 to 65535, or none for a free one"
            }
        }
    }
}
