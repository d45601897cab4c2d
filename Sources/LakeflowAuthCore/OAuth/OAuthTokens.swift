import FoundationEssentials

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

    /// Why an answer with status 200 grants nothing this tool can use, or nil when it can: no access
    /// token; a token that could not go into a header as it is (a line break in it would end the header
    /// and start another); a `token_type` other than Bearer (RFC 6749 §7.1: `mac` and the like need a
    /// signature per request, which neither this tool nor the connectors make). An answer without
    /// `token_type` is taken as Bearer, as the providers that leave it out mean.
    static func problem(in answer: JSONValue) -> Problem? {
        guard let access = answer["access_token"]?.stringValue, !access.isEmpty else { return .noAccessToken }
        let refresh = answer["refresh_token"]?.stringValue ?? ""
        guard !(access + refresh).unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .controlCharacter
        }
        if let type = answer["token_type"], type != .null, type.stringValue?.lowercased() != "bearer" {
            return .notBearer(type.stringValue ?? type.serialized())
        }
        return nil
    }

    enum Problem: Equatable {
        case noAccessToken
        case controlCharacter
        case notBearer(String)
    }

    /// A token endpoint's JSON answer (RFC 6749 §5.1) that `problem(in:)` found nothing wrong with.
    init?(_ answer: JSONValue, receivedAt: Date, clientAuthentication: OAuthClientAuthentication?) {
        self.clientAuthentication = clientAuthentication
        guard Self.problem(in: answer) == nil, let access = answer["access_token"]?.stringValue else { return nil }
        accessToken = access
        refreshToken = answer["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        switch answer["expires_in"] {
        case let .integer(seconds)?: expiresAt = receivedAt.addingTimeInterval(TimeInterval(seconds))
        case let .string(text)?: expiresAt = Int(text).map { receivedAt.addingTimeInterval(TimeInterval($0)) }
        default: expiresAt = nil
        }
    }
}
