import FoundationEssentials

/// Asks a token endpoint (RFC 6749 §4.1.3, §4.4, §6; RFC 8628 §3.4) for tokens, and a device
/// authorization endpoint (RFC 8628 §3.1) for a user code. The client authenticates one way per
/// request (`OAuthClientAuthentication`): the way it is given, else in the form body, which every
/// provider these specs name accepts, and once more with HTTP Basic alone when the endpoint answers
/// `invalid_client`, as some providers ask. The built-in check layer says where a connector puts the
/// client's credentials (`oauth.client_auth`) and what it adds (`token_params`). What the endpoint says back passes the one scrubber, which
/// knows the client secret, the grant's own secrets and whatever the caller adds (the form's secret options).
public struct OAuthTokenClient: Sendable {
    public enum Grant: Sendable {
        case authorizationCode(code: String, redirectURI: String, verifier: String?)
        case refreshToken(String)
        case clientCredentials(scopes: String?)
        /// RFC 8628 §3.4: the device code of an authorization the person approves elsewhere.
        case deviceCode(String)
    }

    static let deviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code"

    /// Token answers are a few hundred bytes; anything far bigger is not a token endpoint.
    static let responseLimit = 64 * 1024
    public static let defaultTimeout: Duration = .seconds(30)

    public let endpoint: URL
    public let clientID: String
    public let clientSecret: String
    /// Nil: the body, then Basic on `invalid_client`.
    public let authentication: OAuthClientAuthentication?
    public let timeout: Duration
    /// Form fields the connector adds to every token request (Microsoft's `resource`).
    public let extraFields: [(String, String)]
    private let client: HTTPClient
    /// The secrets in play, the client's own among them.
    let scrubber: SecretScrubber

    /// - Parameter scrubber: the other secrets in play (the form's); the client secret and both its
    ///   Basic pairs are added to it.
    public init(endpoint: URL, clientID: String, clientSecret: String, authentication: OAuthClientAuthentication? = nil,
                timeout: Duration = defaultTimeout, extraFields: [(String, String)] = [], client: HTTPClient = HTTPClient(),
                scrubber: SecretScrubber = SecretScrubber()) {
        self.extraFields = extraFields.filter { !$0.1.isEmpty }
        self.endpoint = endpoint
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authentication = authentication
        self.timeout = timeout
        self.client = client
        self.scrubber = scrubber.adding(secrets: [clientSecret], basicPairs: Self.basicPairs(clientID: clientID, clientSecret: clientSecret))
    }

    /// The client's credentials as HTTP Basic carries them, halves percent-encoded (RFC 6749 §2.3.1)
    /// and, as some providers read and echo them, not.
    static func basicPairs(clientID: String, clientSecret: String) -> [String] {
        [clientID + ":" + clientSecret, PercentEncoding.unreserved(clientID) + ":" + PercentEncoding.unreserved(clientSecret)]
    }

    var host: String { Self.host(of: endpoint) }

    static func host(of url: URL) -> String {
        HTTPOrigin(url).map { $0.port == 443 || $0.port == 80 ? $0.host : "\($0.host):\($0.port)" } ?? "the token endpoint"
    }

    public func request(_ grant: Grant) async throws(OAuthError) -> OAuthTokens {
        let (response, used) = try await post(Self.fields(of: grant) + extraFields, to: endpoint)
        return try tokens(from: response, authentication: used, scrubber: scrubber.adding(secrets: grant.secrets))
    }

    /// Asks `url` for a device authorization (RFC 8628 §3.1, §3.2) for `scopes`.
    func deviceAuthorization(at url: URL, scopes: String?) async throws(OAuthError) -> OAuthDeviceAuthorization {
        var fields: [(String, String)] = []
        if let scopes, !scopes.isEmpty { fields.append(("scope", scopes)) }
        let (response, _) = try await post(fields, to: url)
        let host = Self.host(of: url)
        guard !response.bodyExceededLimit, let answer = try? JSONParser.parse(Array(response.body)), case .object = answer else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the body is not JSON")
        }
        if let error = answer["error"]?.stringValue, (400...499).contains(response.status) {
            throw refusal(error, answer, host: host, scrubber: scrubber)
        }
        guard response.status == 200, let authorization = OAuthDeviceAuthorization(answer) else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status,
                                                problem: "no device_code, user_code and verification_uri")
        }
        return authorization
    }

    /// Sends `fields` with the client's authentication, trying Basic after the body when no way is given.
    private func post(_ fields: [(String, String)], to url: URL) async throws(OAuthError)
        -> (HTTPClient.Response, OAuthClientAuthentication) {
        if let authentication { return (try await send(fields, to: url, authentication), authentication) }
        let inBody = try await send(fields, to: url, .body)
        guard [400, 401].contains(inBody.status), Self.error(in: inBody) == "invalid_client" else { return (inBody, .body) }
        return (try await send(fields, to: url, .basic), .basic)
    }

    private static func fields(of grant: Grant) -> [(String, String)] {
        switch grant {
        case let .authorizationCode(code, redirectURI, verifier):
            var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
            if let verifier { fields.append(("code_verifier", verifier)) }
            return fields
        case let .refreshToken(token):
            return [("grant_type", "refresh_token"), ("refresh_token", token)]
        case let .clientCredentials(scopes):
            var fields = [("grant_type", "client_credentials")]
            if let scopes, !scopes.isEmpty { fields.append(("scope", scopes)) }
            return fields
        case let .deviceCode(code):
            return [("grant_type", deviceCodeGrantType), ("device_code", code)]
        }
    }

    /// The token request for `grant`, as it is sent (a plan shows it before anything is).
    func plannedRequest(for grant: Grant) -> HTTPClient.Request {
        request(Self.fields(of: grant) + extraFields, to: endpoint, authentication ?? .body)
    }

    private func request(_ fields: [(String, String)], to url: URL, _ authentication: OAuthClientAuthentication) -> HTTPClient.Request {
        var fields = fields
        var headers = [("Accept", "application/json"), ("User-Agent", ProbeRequest.userAgent)]
        switch authentication {
        case .basic:
            let pair = PercentEncoding.unreserved(clientID) + ":" + PercentEncoding.unreserved(clientSecret)
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        case .body:
            fields.append(("client_id", clientID))
            // A public client (a device or desktop app) has no secret to send.
            if !clientSecret.isEmpty { fields.append(("client_secret", clientSecret)) }
        }
        return HTTPClient.Request.formPost(url: url, fields: fields, headers: headers)
    }

    private func send(_ fields: [(String, String)], to url: URL, _ authentication: OAuthClientAuthentication)
        async throws(OAuthError) -> HTTPClient.Response {
        let request = request(fields, to: url, authentication)
        switch await client.send(request, timeout: timeout, responseLimit: Self.responseLimit) {
        case let .success(response): return response
        case let .failure(failure): throw .tokenEndpointUnreachable(host: Self.host(of: url), failure)
        }
    }

    private func tokens(from response: HTTPClient.Response, authentication: OAuthClientAuthentication,
                        scrubber: SecretScrubber) throws(OAuthError) -> OAuthTokens {
        guard !response.bodyExceededLimit, let answer = try? JSONParser.parse(Array(response.body)), case .object = answer else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the body is not JSON")
        }
        if let error = answer["error"]?.stringValue, (400...499).contains(response.status) {
            throw refusal(error, answer, host: host, scrubber: scrubber)
        }
        guard response.status == 200 else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "no tokens")
        }
        switch OAuthTokens.problem(in: answer) {
        case .noAccessToken?:
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the answer has no access_token")
        case .controlCharacter?:
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status,
                                                problem: "a token in the answer holds a control character (a line break, say), "
                                                    + "which no request could carry")
        case let .notBearer(type)?:
            throw .unsupportedTokenType(host: host, type: scrubber.shown(type, limit: OAuthError.codeLimit))
        case nil:
            guard let tokens = OAuthTokens(answer, receivedAt: Date(), clientAuthentication: authentication) else {
                throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the answer has no access_token")
            }
            return tokens
        }
    }

    /// The endpoint's `error` and `error_description`, as far as they pass the scrubber.
    private func refusal(_ error: String, _ answer: JSONValue, host: String, scrubber: SecretScrubber) -> OAuthError {
        .tokenRefused(error: scrubber.shown(error, limit: OAuthError.codeLimit),
                      description: answer["error_description"]?.stringValue.map { scrubber.shown($0, limit: OAuthError.descriptionLimit) },
                      host: host)
    }

    private static func error(in response: HTTPClient.Response) -> String? {
        (try? JSONParser.parse(Array(response.body)))?["error"]?.stringValue
    }
}

extension OAuthTokenClient.Grant {
    /// What the grant itself sends that is secret: a code and its verifier, a refresh token, a device code.
    var secrets: [String] {
        switch self {
        case let .authorizationCode(code, _, verifier): return [code] + (verifier.map { [$0] } ?? [])
        case let .refreshToken(token): return [token]
        case .clientCredentials: return []
        case let .deviceCode(code): return [code]
        }
    }
}
