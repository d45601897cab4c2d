import FoundationEssentials

/// Scheme, host and port: the unit that credentials are allowed to travel within.
public struct HTTPOrigin: Equatable, Sendable {
    public let scheme: String
    public let host: String
    public let port: Int

    public init?(_ url: URL) {
        guard let authority = URLAuthority(url.absoluteString) else { return nil }
        let defaultPort: Int
        switch authority.scheme {
        case "https": defaultPort = 443
        case "http": defaultPort = 80
        default: return nil
        }
        self.scheme = authority.scheme
        self.host = authority.host
        self.port = authority.port ?? defaultPort
    }

    /// Plain http is only harmless when the bytes never leave this machine.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { octet in octet.count <= 3 && UInt8(octet) != nil }
    }

    public var allowsCredentials: Bool { scheme == "https" || isLoopback }
}
