import Foundation

/// The access token the envelope keeps beside the options (which hold the refresh token, since
/// connectors read it): `"oauth": {"access_token": "…", "expires_at": "…" | null}`. `export` and `exec`
/// never hand it out.
public struct OAuthAccessToken: Sendable, Equatable {
    public let token: String
    public let expiresAt: Date?

    public init(token: String, expiresAt: Date?) {
        self.token = token
        self.expiresAt = expiresAt?.wholeSeconds
    }

    public init(_ tokens: OAuthTokens) {
        self.init(token: tokens.accessToken, expiresAt: tokens.expiresAt)
    }

    var json: JSONValue {
        .object([
            ("access_token", .string(token)),
            ("expires_at", expiresAt.map { .string(UTCTimestamp.string($0)) } ?? .null),
        ])
    }

    /// Nil when the member is absent; `problem` when it is there but not this shape.
    static func decoding(_ value: JSONValue?) -> Result<OAuthAccessToken?, DecodingProblem> {
        guard let value, value != .null else { return .success(nil) }
        guard let token = value["access_token"]?.stringValue else { return .failure(DecodingProblem()) }
        switch value["expires_at"] {
        case nil, .null?: return .success(OAuthAccessToken(token: token, expiresAt: nil))
        case let .string(text)?:
            guard let date = UTCTimestamp.date(text) else { return .failure(DecodingProblem()) }
            return .success(OAuthAccessToken(token: token, expiresAt: date))
        default: return .failure(DecodingProblem())
        }
    }

    struct DecodingProblem: Error {}
}
