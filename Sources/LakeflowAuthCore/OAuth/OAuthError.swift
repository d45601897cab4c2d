/// Why the OAuth flow did not end in tokens. No case carries a secret: provider texts are the
/// provider's own error codes and descriptions, scrubbed of every secret in play where they arrived,
/// cut short and stripped for a terminal.
public enum OAuthError: UserFacingError, Equatable {
    /// The spec's block and the form name no such endpoint.
    case endpointUndeclared(String)
    case endpointNotURL(String)
    case endpointInsecure(String, host: String)
    /// The provider sent the browser back with `error=` (`access_denied` when the person said no).
    case deniedAtCallback(error: String, description: String?, host: String)
    /// The provider came back with neither a code nor an error.
    case callbackWithoutCode
    /// Nobody came back within the wait, and nothing was pasted.
    case noCallback(seconds: Int)
    /// The redirect listener could not start.
    case callbackUnavailable(String)
    /// The port of the redirect address the person gave (`--redirect-uri`) is taken or not allowed.
    case redirectPortUnavailable(port: UInt16)
    /// The provider would not send the browser back to this run's redirect address: the OAuth app
    /// registered another (`redirect_uri_mismatch`, at the callback or the token endpoint).
    case redirectMismatch(error: String, description: String?, host: String, redirectURI: String)
    /// `--device` for a spec whose block names no `device_authorization_url`, and none given.
    case deviceEndpointUndeclared(connector: String)
    /// Nobody approved the device code before it expired.
    case deviceCodeExpired(seconds: Int)
    /// The token endpoint refused: `invalid_client`, `invalid_grant` and the like.
    case tokenRefused(error: String, description: String?, host: String)
    case tokenEndpointUnreachable(host: String, HTTPFailure)
    case tokenEndpointAnsweredWrongly(host: String, status: Int, problem: String)
    /// The endpoint granted a token of another type than Bearer (`mac`), which nothing here can send.
    case unsupportedTokenType(host: String, type: String)
    /// The code flow ended without the refresh token that connectors read.
    case noRefreshToken(host: String)
    /// A stored u2m credential without a refresh token, where nobody is at hand to authorize.
    case authorizationNeeded(connector: String)

    public var message: String {
        switch self {
        case let .endpointUndeclared(name):
            return "the spec's oauth block declares no \(name), and the form has no option that gives it"
        case let .endpointNotURL(name): return "the oauth \(name) is not an http(s) URL"
        case let .endpointInsecure(name, host):
            return "the oauth \(name) sends secrets over plain http to \(host): only https, or http to this machine, is allowed"
        case let .deniedAtCallback(error, description, host) where error == "access_denied":
            return "authorization was denied at \(host)" + Self.detail(description)
        case let .deniedAtCallback(error, description, host):
            return "\(host) refused the authorization: \(Self.clean(error))" + Self.detail(description)
        case .callbackWithoutCode: return "the authorization callback carried no code"
        case let .noCallback(seconds): return "no answer from the browser within \(Self.span(seconds))"
        case let .callbackUnavailable(reason): return "cannot listen for the authorization callback: \(reason)"
        case let .redirectPortUnavailable(port):
            return "cannot listen for the authorization callback on 127.0.0.1:\(port): the port is taken or not allowed"
        case let .redirectMismatch(error, description, host, redirectURI):
            return "\(host) refused the redirect address \(redirectURI) (\(Self.clean(error)))" + Self.detail(description)
        case let .deviceEndpointUndeclared(connector):
            return "\(connector)'s oauth block names no device_authorization_url, and \(Self.deviceVariable(connector)) is not set"
        case let .deviceCodeExpired(seconds): return "the device code was not approved within \(Self.span(seconds))"
        case let .tokenRefused(error, description, host):
            let what = error == "invalid_client" ? "rejected the client credentials"
                : error == "invalid_grant" ? "rejected the grant" : "refused the token request"
            return "\(host) \(what) (\(Self.clean(error)))" + Self.detail(description)
        case let .tokenEndpointUnreachable(host, failure):
            switch failure {
            case .hostNotFound: return "cannot find the token endpoint's host \(host)"
            case .connectionRefused: return "\(host) refused the connection to its token endpoint"
            case .timedOut: return "no answer from the token endpoint at \(host)"
            case .tls: return "the secure connection to the token endpoint at \(host) failed"
            case .noHTTPClient: return "cannot ask \(host): libcurl is not installed (apt-get install libcurl4)"
            case .cancelled, .invalidHeader, .unsupportedSetting, .other: return "cannot reach the token endpoint at \(host)"
            }
        case let .tokenEndpointAnsweredWrongly(host, status, problem):
            return "unexpected answer from the token endpoint at \(host) (HTTP \(status)): \(problem)"
        case let .unsupportedTokenType(host, type):
            return "\(host) granted a \"\(Self.clean(type))\" token, and only Bearer tokens can be sent"
        case let .noRefreshToken(host):
            return "\(host) granted access but no refresh token, so the connector could not renew it"
        case let .authorizationNeeded(connector):
            return "the stored credentials of \(connector) hold no refresh token"
        }
    }

    public var hints: [String] {
        switch self {
        case .endpointUndeclared: return ["declare it in the spec's connection.oauth block"]
        case let .tokenRefused(error, _, _) where error == "invalid_client": return ["check client_id and client_secret"]
        case let .tokenRefused(error, _, _) where error == "invalid_grant":
            return ["the code or refresh token is expired or revoked: authorize again"]
        case .noRefreshToken:
            return ["ask for offline access in the spec's oauth.extra_auth_params, such as access_type=offline and prompt=consent"]
        case .noCallback:
            return ["open the authorization link in a browser and approve; with --from-env, --timeout waits longer",
                    "a browser on another machine cannot come back to this one: paste the address it ended on, or use --device",
                    "if the provider's page said redirect_uri_mismatch, pass the address the OAuth app registered with --redirect-uri"]
        case .unsupportedTokenType:
            return ["lakeflow-auth and the connectors send access tokens as Bearer (RFC 6750); ask the provider for Bearer tokens"]
        case let .redirectPortUnavailable(port):
            return ["stop what listens on port \(port) (ss -ltnp 'sport = :\(port)' shows it), or register and pass another --redirect-uri"]
        case let .redirectMismatch(_, _, _, redirectURI):
            return ["register \(redirectURI) with the OAuth app, or pass the address it registered with --redirect-uri (on 127.0.0.1 or localhost, e.g. http://localhost:9876/oauth/callback)"]
        case let .deviceEndpointUndeclared(connector):
            return ["set \(Self.deviceVariable(connector)) to the provider's device authorization endpoint, or declare device_authorization_url in the spec's oauth block"]
        case .deviceCodeExpired: return ["run again and approve the code sooner"]
        case .tokenEndpointUnreachable, .tokenEndpointAnsweredWrongly:
            return ["to keep the values unverified, run again with --no-probe (a code flow without a refresh token still needs the provider, to grant one)"]
        case let .authorizationNeeded(connector): return ["run lakeflow-auth \(connector) to authorize again"]
        default: return []
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .endpointUndeclared, .endpointNotURL, .endpointInsecure, .authorizationNeeded, .redirectPortUnavailable,
             .deviceEndpointUndeclared: return .badInput
        case .deniedAtCallback, .callbackWithoutCode, .tokenRefused, .redirectMismatch: return .rejected
        case .tokenEndpointUnreachable, .tokenEndpointAnsweredWrongly, .unsupportedTokenType, .noRefreshToken, .noCallback,
             .deviceCodeExpired:
            return .unreachable
        case .callbackUnavailable: return .internalFailure
        }
    }

    /// Whether the provider could not be asked or answered no proper answer, as opposed to refusing:
    /// the one case where the values typed may be kept unverified, as a static credential's may when
    /// its source is unreachable (`CheckFailure.mayBeSavedUnverified`).
    public var isUnreachable: Bool {
        switch self {
        case .tokenEndpointUnreachable, .tokenEndpointAnsweredWrongly: return true
        default: return false
        }
    }

    /// This error told as the redirect address's fault where the provider says so: `redirect_uri_mismatch`
    /// in its error or description, at the callback or the token endpoint.
    func naming(redirectURI: String) -> OAuthError {
        switch self {
        case let .deniedAtCallback(error, description, host), let .tokenRefused(error, description, host):
            let said = (error + " " + (description ?? "")).lowercased()
            // Google and GitHub say `redirect_uri_mismatch`; Microsoft says AADSTS50011, "the redirect URI
            // … does not match".
            guard said.contains("redirect_uri_mismatch") || said.contains("aadsts50011")
                    || (said.contains("redirect") && said.contains("match")) else { return self }
            return .redirectMismatch(error: error, description: description, host: host, redirectURI: redirectURI)
        default:
            return self
        }
    }

    /// The options a form should mark.
    public var concernedOptions: [String] {
        switch self {
        case let .tokenRefused(error, _, _) where error == "invalid_client": return [OAuthOption.clientID, OAuthOption.clientSecret]
        case let .tokenRefused(error, _, _) where error == "invalid_grant": return [OAuthOption.refreshToken]
        // The person said no: nothing in the form is wrong. Any other refusal (`unauthorized_client`,
        // `invalid_scope`) is about the app the form names.
        case let .deniedAtCallback(error, _, _) where error != "access_denied": return [OAuthOption.clientID]
        // The endpoint's own field, where the form has one (`oauthEndpointFields`).
        case let .endpointNotURL(name), let .endpointInsecure(name, _): return [name]
        default: return []
        }
    }

    /// How much of a provider's error code and description a message quotes: both are cut when they
    /// pass the scrubber (`SecretScrubber.shown`), where they arrive, and pass the sanitizer again here.
    static let codeLimit = 40
    static let descriptionLimit = 120

    private static func clean(_ text: String) -> String { TerminalText.sanitized(text) }

    private static func deviceVariable(_ connector: String) -> String {
        EnvVarName.forOption(OAuthEndpoints.deviceAuthorizationURLKey, connector: connector)
    }

    /// `90s`, `5m`, `1h`, `1m30s`: as `--timeout` takes them.
    static func span(_ seconds: Int) -> String {
        if seconds >= 3600, seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60)m" }
        if seconds > 60 { return "\(seconds / 60)m\(seconds % 60)s" }
        return "\(seconds)s"
    }

    private static func detail(_ description: String?) -> String {
        guard let description, !description.isEmpty else { return "" }
        return ": " + TerminalText.sanitized(description)
    }
}
