import FoundationEssentials

/// The access token the envelope keeps beside the options (which hold the refresh token, since
/// connectors read it): `"oauth": {"access_token": "…", "expires_at": "…" | null, "client_auth": "body"}`.
/// `client_auth` is how the client authenticated at the token endpoint when it was granted, so the
/// next refresh asks that way at once (absent in files of earlier versions: then the body is tried
/// first). `exec` hands the token out to connectors whose spec has Unity Catalog inject one
/// (`FreshAccessToken`), and `export` when asked.
public struct OAuthAccessToken: Sendable, Equatable {
    /// Unity Catalog's rule, and this tool's: a token with less than this left is minted again.
    public static let freshnessMargin: TimeInterval = 60

    public let token: String
    public let expiresAt: Date?
    public let clientAuthentication: OAuthClientAuthentication?

    public init(token: String, expiresAt: Date?, clientAuthentication: OAuthClientAuthentication? = nil) {
        self.token = token
        self.expiresAt = expiresAt?.wholeSeconds
        self.clientAuthentication = clientAuthentication
    }

    public init(_ tokens: OAuthTokens) {
        self.init(token: tokens.accessToken, expiresAt: tokens.expiresAt, clientAuthentication: tokens.clientAuthentication)
    }

    /// Whether it may still be handed out at `now`: more than a minute left, or no expiry said (a
    /// provider that gives none issues tokens that last until revoked).
    public func isFresh(at now: Date) -> Bool {
        guard let expiresAt else { return true }
        return expiresAt.timeIntervalSince(now) > Self.freshnessMargin
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("access_token", .string(token)),
            ("expires_at", expiresAt.map { .string(UTCTimestamp.string($0)) } ?? .null),
        ]
        if let clientAuthentication { members.append(("client_auth", .string(clientAuthentication.rawValue))) }
        return .object(members)
    }

    /// Nil when the member is absent; `problem` when it is there but not this shape.
    static func decoding(_ value: JSONValue?) -> Result<OAuthAccessToken?, DecodingProblem> {
        guard let value, value != .null else { return .success(nil) }
        guard let token = value["access_token"]?.stringValue else { return .failure(DecodingProblem()) }
        let clientAuthentication: OAuthClientAuthentication?
        switch value["client_auth"] {
        case nil, .null?: clientAuthentication = nil
        case let .string(text)?:
            guard let known = OAuthClientAuthentication(rawValue: text) else { return .failure(DecodingProblem()) }
            clientAuthentication = known
        default: return .failure(DecodingProblem())
        }
        switch value["expires_at"] {
        case nil, .null?:
            return .success(OAuthAccessToken(token: token, expiresAt: nil, clientAuthentication: clientAuthentication))
        case let .string(text)?:
            guard let date = UTCTimestamp.date(text) else { return .failure(DecodingProblem()) }
            return .success(OAuthAccessToken(token: token, expiresAt: date, clientAuthentication: clientAuthentication))
        default: return .failure(DecodingProblem())
        }
    }

    struct DecodingProblem: Error {}
}
