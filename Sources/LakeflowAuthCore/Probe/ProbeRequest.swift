import FoundationEssentials

/// The exact request a check sends: filled, held to the transport rules, not yet sent.
public struct ProbeRequest: Sendable {
    public let method: String
    public let url: URL
    /// In the order they are sent.
    public let headers: [(String, String)]
    public let body: [UInt8]?
    let origin: HTTPOrigin

    public static let userAgent = "lakeflow-auth"

    /// - Parameters:
    ///   - hostOptions: the options that fill the URL's host, for the person to check.
    ///   - namedHosts: the hosts the check's own text names, where an answer may point a secret.
    /// - Throws: before anything is sent, when the address is unusable, a value would add a line to the
    ///   request, plain http would leave this machine, or a built-in check would carry a secret to a host
    ///   neither the person nor the layer named.
    init(_ filled: FilledRequest, check: ConnectorCheck, connector: String, hostOptions: [String],
         namedHosts: Set<String>) throws(ProbeRefusal) {
        let sent = [filled.url.text] + filled.headers.map(\.1)
        guard !sent.contains(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) else {
            throw ProbeRefusal(connector: connector, problem: .controlCharacter,
                               options: check.optionNames(in: filled.declared.templates))
        }
        guard let url = URL(string: filled.url.text), let origin = HTTPOrigin(url) else {
            throw ProbeRefusal(connector: connector, problem: .malformed, options: hostOptions)
        }
        guard origin.allowsCredentials else {
            throw ProbeRefusal(connector: connector, problem: .insecure(host: origin.host), options: hostOptions)
        }
        if check.source == .builtIn, filled.carriesSecret,
           !Self.maySendSecrets(to: origin.host, from: filled.url.origin, namedHosts: namedHosts) {
            throw ProbeRefusal(connector: connector, problem: .secretToHost(host: origin.host), options: hostOptions)
        }
        method = filled.method
        self.url = url
        // A check that declares the connector's own User-Agent sends it; no `Expect: 100-continue`
        // before a body: one request, one answer.
        let declaresAgent = filled.headers.contains { $0.0.lowercased() == "user-agent" }
        headers = (declaresAgent ? [] : [("User-Agent", Self.userAgent)]) + filled.headers + (filled.body == nil ? [] : [("Expect", "")])
        body = filled.body
        self.origin = origin
    }

    /// README, "Where a secret may go": the person's own values, the layer's text and defaults, or the
    /// answer of a request whose host came from the person (or that names its own host, or one the
    /// layer names). Never the spec's `default`, nor a token.
    static func maySendSecrets(to host: String, from origin: CheckValue.Origin, namedHosts: Set<String>) -> Bool {
        switch origin {
        case .person, .checkFile: return true
        case .spec, .obtained: return false
        case let .answer(answeringHost, trusted): return trusted || host == answeringHost || namedHosts.contains(host)
        }
    }

    /// A header's value, its name compared without regard to case, as HTTP does.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The placeholders that supply the URL's host: a leading placeholder (a whole base URL), or those
    /// between `://` and the first `/`, `?` or `#` (a subdomain, say).
    static func hostPlaceholders(of url: Template) -> [String] {
        if case let .placeholder(name) = url.parts.first { return [name] }
        var seenSchemeEnd = false
        var names: [String] = []
        var text = ""
        for part in url.parts {
            switch part {
            case let .literal(literal):
                text += literal
                if !seenSchemeEnd, let range = text.firstRange(of: "://") {
                    seenSchemeEnd = true
                    text = String(text[range.upperBound...])
                }
                if seenSchemeEnd, text.contains(where: { "/?#".contains($0) }) { return names }
            case let .placeholder(name):
                if seenSchemeEnd { names.append(name) }
            }
        }
        return names
    }
}
