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
    /// Whether the block says `flow` itself: upstream's Unity Catalog connections (`community_oauth_flow`)
    /// do, and Unity Catalog then injects the `access_token` the connector reads. A block without one is
    /// `authenticate.py`'s, whose connector exchanges its refresh token itself.
    public let declaresFlow: Bool
    /// Endpoints and scope as declared: they may name options in braces (`{tenant_id}`).
    public let authorizationURL: String?
    public let tokenURL: String?
    /// RFC 8628's device authorization endpoint, for `--device`: a key of this tool's, beside
    /// `authorization_url` (Google, Microsoft and GitHub offer one).
    public let deviceAuthorizationURL: String?
    public let scopes: String?
    /// S256 unless the spec says `pkce: false`.
    public let pkce: Bool
    public let extraAuthParams: [(String, String)]
    /// Where the client's credentials go at the token endpoint: the block's `client_auth` (`body` or
    /// `basic`, a key of this tool's, as a connector's built-in check layer also says it); nil, or a value
    /// this version does not know: the body, then Basic.
    public var clientAuthentication: OAuthClientAuthentication?

    /// Nil when the spec has no `oauth` block, or one this version cannot read.
    public init?(_ block: JSONValue?) {
        guard let block, case .object = block else { return nil }
        let declared = block["flow"]?.stringValue
        if let declared {
            guard let flow = Flow(rawValue: declared) else { return nil }
            self.flow = flow
            declaresFlow = true
        } else {
            declaresFlow = false
            // Upstream's rule: a block with an authorization endpoint is the code flow.
            guard block["authorization_url"] != nil else { return nil }
            flow = .u2m
        }
        authorizationURL = block["authorization_url"]?.stringValue
        tokenURL = block["token_url"]?.stringValue
        deviceAuthorizationURL = block["device_authorization_url"]?.stringValue
        clientAuthentication = block["client_auth"]?.stringValue.flatMap(OAuthClientAuthentication.init(rawValue:))
        scopes = block["scopes"]?.plainText
        if case let .bool(value)? = block["pkce"] { pkce = value } else { pkce = true }
        if case let .object(members)? = block["extra_auth_params"] {
            extraAuthParams = members.map { ($0.0, $0.1.plainText) }
        } else {
            extraAuthParams = []
        }
    }

    public static func == (lhs: OAuthConfiguration, rhs: OAuthConfiguration) -> Bool {
        lhs.flow == rhs.flow && lhs.declaresFlow == rhs.declaresFlow && lhs.authorizationURL == rhs.authorizationURL
            && lhs.tokenURL == rhs.tokenURL && lhs.deviceAuthorizationURL == rhs.deviceAuthorizationURL
            && lhs.scopes == rhs.scopes && lhs.pkce == rhs.pkce && lhs.clientAuthentication == rhs.clientAuthentication
            && lhs.extraAuthParams.elementsEqual(rhs.extraAuthParams) { $0 == $1 }
    }
}

extension ConnectorSpec {
    public var oauthConfiguration: OAuthConfiguration? { OAuthConfiguration(oauth) }
}
