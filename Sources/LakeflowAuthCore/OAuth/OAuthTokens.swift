import Foundation

/// What a token endpoint granted.
public struct OAuthTokens: Sendable, Equatable {
    public let accessToken: String
    public let refreshToken: String?
    public let expiresAt: Date?
    /// How the client authenticated to get them; nil when it was not asked (tokens made elsewhere).
    public let clientAuthentication: OAuthClientAuthentication?

    public init(accessToken: String, refreshToken: String?, expiresAt: Date?, clientAuthentication: OAuthClientAuthentication? = nil) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.clientAuthentication = clientAuthentication
    }

    /// A token endpoint's JSON answer (RFC 6749 §5.1); nil without an `access_token`.
    init?(_ answer: JSONValue, receivedAt: Date, clientAuthentication: OAuthClientAuthentication?) {
        self.clientAuthentication = clientAuthentication
        guard let access = answer["access_token"]?.stringValue, !access.isEmpty else { return nil }
        accessToken = access
        refreshToken = answer["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        switch answer["expires_in"] {
        case let .integer(seconds)?: expiresAt = receivedAt.addingTimeInterval(TimeInterval(seconds))
        case let .string(text)?: expiresAt = Int(text).map { receivedAt.addingTimeInterval(TimeInterval($0)) }
        default: expiresAt = nil
        }
    }
}
