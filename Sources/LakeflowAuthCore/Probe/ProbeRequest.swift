import Foundation

/// The exact request a probe sends: built, checked against the transport rule, not yet sent.
public struct ProbeRequest: Sendable {
    public let method: String
    public let url: URL
    /// In the order they are sent.
    public let headers: [(String, String)]
    let origin: HTTPOrigin

    public static let userAgent = "lakeflow-auth"

    /// - Parameters:
    ///   - options: the options the credentials were validated against, for their types.
    ///   - bearer: an OAuth access token, sent instead of the auth the probe declares.
    public init(credentials: Credentials, probe: ProbeSpec, options: [ConnectorOption], bearer: String? = nil) throws(ProbeURLError) {
        func raw(_ name: String) -> String {
            credentials[name]?.plainText ?? options.first { $0.name == name }?.defaultValue ?? ""
        }
        let urlText = probe.url.fillingURL(options: options, value: raw)
        var authHeader: (name: String, value: String)?
        var query: String?
        switch probe.auth {
        case _ where bearer != nil:
            authHeader = ("Authorization", "Bearer " + (bearer ?? ""))
        case .none:
            break
        case let .bearer(token):
            authHeader = ("Authorization", "Bearer " + token.fill(raw))
        case let .basic(username, password):
            let pair = username.fill(raw) + ":" + password.fill(raw)
            authHeader = ("Authorization", "Basic " + Data(pair.utf8).base64EncodedString())
        case let .header(name, value):
            authHeader = (name, value.fill(raw))
        case let .query(name, value):
            query = PercentEncoding.unreserved(name) + "=" + PercentEncoding.unreserved(value.fill(raw))
        }
        let hostOptions = ProbeRequest.hostOptions(of: probe.url)
        let fullText = query.map { urlText + (urlText.contains("?") ? "&" : "?") + $0 } ?? urlText
        let sent = [fullText] + (authHeader.map { [$0.value] } ?? [])
        guard !sent.contains(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) else {
            throw ProbeURLError(connector: credentials.connector, problem: .controlCharacter,
                                options: probe.url.placeholders + probe.auth.templates.flatMap(\.placeholders))
        }
        guard let url = URL(string: fullText), let origin = HTTPOrigin(url) else {
            throw ProbeURLError(connector: credentials.connector, problem: .malformed, options: hostOptions)
        }
        guard origin.allowsCredentials else {
            throw ProbeURLError(connector: credentials.connector, problem: .insecure(host: origin.host), options: hostOptions)
        }
        self.method = probe.method
        self.url = url
        self.headers = [("User-Agent", Self.userAgent), ("Accept", "application/json")] + (authHeader.map { [$0] } ?? [])
        self.origin = origin
    }

    /// A header's value, its name compared without regard to case, as HTTP does.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The options that supply the URL's host: a leading placeholder (a whole base URL), or the
    /// placeholders between `://` and the first `/`, `?` or `#` (a subdomain, say).
    static func hostOptions(of url: Template) -> [String] {
        if case let .placeholder(name) = url.parts.first { return [name] }
        var seenSchemeEnd = false
        var names: [String] = []
        var text = ""
        for part in url.parts {
            switch part {
            case let .literal(literal):
                text += literal
                if !seenSchemeEnd, let range = text.range(of: "://") {
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
