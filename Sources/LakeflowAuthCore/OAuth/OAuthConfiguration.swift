/// The spec's `connection.oauth` block, typed, with the meaning upstream's `community-connector` CLI
/// gives it, so one spec works in both.
public struct OAuthConfiguration: Sendable, Equatable {
    public enum Flow: String, Sendable, Equatable {
        /// Authorization code: a person signs in once; the refresh token is kept.
        case u2m
        /// Client credentials: the app's own identity, no person.
        case m2m
        /// The connection holds the app's configuration only; each end user authorizes at run time.
        case u2mPerUser = "u2m_per_user"
    }

    public let flow: Flow
    /// Endpoints and scope as declared: they may name options in braces (`{tenant_id}`).
    public let authorizationURL: String?
    public let tokenURL: String?
    public let scopes: String?
    /// S256 unless the spec says `pkce: false`.
    public let pkce: Bool
    public let extraAuthParams: [(String, String)]

    /// Nil when the spec has no `oauth` block, or one this version cannot read.
    public init?(_ block: JSONValue?) {
        guard let block, case .object = block else { return nil }
        let declared = block["flow"]?.stringValue
        if let declared {
            guard let flow = Flow(rawValue: declared) else { return nil }
            self.flow = flow
        } else {
            // Upstream's rule: a block with an authorization endpoint is the code flow.
            guard block["authorization_url"] != nil else { return nil }
            flow = .u2m
        }
        authorizationURL = block["authorization_url"]?.stringValue
        tokenURL = block["token_url"]?.stringValue
        scopes = block["scopes"]?.plainText
        if case let .bool(value)? = block["pkce"] { pkce = value } else { pkce = true }
        if case let .object(members)? = block["extra_auth_params"] {
            extraAuthParams = members.map { ($0.0, $0.1.plainText) }
        } else {
            extraAuthParams = []
        }
    }

    public static func == (lhs: OAuthConfiguration, rhs: OAuthConfiguration) -> Bool {
        lhs.flow == rhs.flow && lhs.authorizationURL == rhs.authorizationURL && lhs.tokenURL == rhs.tokenURL
            && lhs.scopes == rhs.scopes && lhs.pkce == rhs.pkce
            && lhs.extraAuthParams.elementsEqual(rhs.extraAuthParams) { $0 == $1 }
    }
}

extension ConnectorSpec {
    public var oauthConfiguration: OAuthConfiguration? { OAuthConfiguration(oauth) }
}
