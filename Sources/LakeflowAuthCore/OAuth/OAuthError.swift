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
    /// Nobody came back within the wait.
    case noCallback(seconds: Int)
    /// The redirect listener could not start.
    case callbackUnavailable(String)
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
        case let .noCallback(seconds):
            return "no authorization callback came within \(seconds) second" + (seconds == 1 ? "" : "s")
        case let .callbackUnavailable(reason): return "cannot listen for the authorization callback: \(reason)"
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
        case .noCallback: return ["open the authorization link in a browser and approve; --timeout waits longer"]
        case .unsupportedTokenType:
            return ["lakeflow-auth and the connectors send access tokens as Bearer (RFC 6750); ask the provider for Bearer tokens"]
        case let .authorizationNeeded(connector): return ["run lakeflow-auth \(connector) to authorize again"]
        default: return []
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .endpointUndeclared, .endpointNotURL, .endpointInsecure, .authorizationNeeded: return .badInput
        case .deniedAtCallback, .callbackWithoutCode, .tokenRefused: return .rejected
        case .tokenEndpointUnreachable, .tokenEndpointAnsweredWrongly, .unsupportedTokenType, .noRefreshToken: return .unreachable
        case .noCallback: return .cancelled
        case .callbackUnavailable: return .internalFailure
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

    private static func detail(_ description: String?) -> String {
        guard let description, !description.isEmpty else { return "" }
        return ": " + TerminalText.sanitized(description)
    }
}
