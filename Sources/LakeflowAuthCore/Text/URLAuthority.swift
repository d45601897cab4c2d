/// The scheme, host and port of an absolute URL (RFC 3986 `scheme://[userinfo@]host[:port]`), read
/// without Foundation's URL host accessors, which decode internationalized names through ICU: more
/// work than a whole `spec inspect`, for hosts that are ASCII in every spec and probe.
public struct URLAuthority: Equatable, Sendable {
    /// Lower-cased.
    public let scheme: String
    /// Lower-cased; an IPv6 literal without its brackets.
    public let host: String
    public let port: Int?

    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        let rest = text[text.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        let authority = rest.dropFirst(2).prefix { !"/?#".contains($0) }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        var host: Substring
        var portText: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            host = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
            let after = hostAndPort[hostAndPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return nil }
            portText = after.isEmpty ? nil : after.dropFirst()
        } else if let portColon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<portColon]
            portText = hostAndPort[hostAndPort.index(after: portColon)...]
        } else {
            host = hostAndPort
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || "<>\"\\^`{|}".contains($0) }) else { return nil }
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText), port <= 65_535 else { return nil }
            self.port = port
        } else {
            self.port = nil
        }
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
    }
}
