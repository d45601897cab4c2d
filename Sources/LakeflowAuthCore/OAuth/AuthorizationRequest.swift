import Age
import FoundationEssentials

/// The authorization endpoint's address for one run of the code flow, with the random `state` that its
/// callback must bring back and the PKCE verifier that the token request will prove.
public struct AuthorizationRequest: Sendable {
    /// The parameters the flow sets itself; the spec's `extra_auth_params` never replace them.
    static let flowParameters: Set<String> = [
        "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method",
    ]

    /// 128 random bits, base64url.
    public static func newState() -> String {
        Base64URL.encode(SecureRandom.bytes(16))
    }

    public let url: URL
    /// 128 random bits, good for one callback.
    public let state: String
    public let redirectURI: String
    public let pkce: PKCE?

    /// - Parameter state: fresh from `newState()` unless given.
    public init(endpoint: URL, clientID: String, redirectURI: String, scopes: String?, usesPKCE: Bool,
                extraParameters: [(String, String)], state: String = newState()) {
        self.init(endpoint: endpoint, clientID: clientID, redirectURI: redirectURI, scopes: scopes,
                  pkce: usesPKCE ? PKCE() : nil, extraParameters: extraParameters, state: state)
    }

    /// With a verifier made beforehand, so that what answers the callback knows it as a secret.
    public init(endpoint: URL, clientID: String, redirectURI: String, scopes: String?, pkce: PKCE?,
                extraParameters: [(String, String)], state: String) {
        self.state = state
        self.pkce = pkce
        self.redirectURI = redirectURI
        var parameters = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI)]
        if let scopes, !scopes.isEmpty { parameters.append(("scope", scopes)) }
        parameters.append(("state", state))
        if let pkce { parameters += [("code_challenge", pkce.challenge), ("code_challenge_method", PKCE.method)] }
        parameters += extraParameters.filter { !Self.flowParameters.contains($0.0) }
        let query = parameters.map { PercentEncoding.unreserved($0.0) + "=" + PercentEncoding.unreserved($0.1) }
            .joined(separator: "&")
        let text = endpoint.absoluteString
        url = URL(string: text + (text.contains("?") ? "&" : "?") + query) ?? endpoint
    }
}
