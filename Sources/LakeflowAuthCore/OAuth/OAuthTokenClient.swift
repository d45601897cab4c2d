import Foundation

/// Asks a token endpoint (RFC 6749 §4.1.3, §4.4, §6; RFC 8628 §3.4) for tokens, and a device
/// authorization endpoint (RFC 8628 §3.1) for a user code. The client authenticates one way per
/// request (`OAuthClientAuthentication`): the way it is given, else in the form body, which every
/// provider these specs name accepts, and once more with HTTP Basic alone when the endpoint answers
/// `invalid_client`, as some providers ask.
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
    private let client: HTTPClient

    public init(endpoint: URL, clientID: String, clientSecret: String, authentication: OAuthClientAuthentication? = nil,
                timeout: Duration = defaultTimeout, client: HTTPClient = HTTPClient()) {
        self.endpoint = endpoint
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authentication = authentication
        self.timeout = timeout
        self.client = client
    }

    var host: String { Self.host(of: endpoint) }

    static func host(of url: URL) -> String {
        HTTPOrigin(url).map { $0.port == 443 || $0.port == 80 ? $0.host : "\($0.host):\($0.port)" } ?? "the token endpoint"
    }

    public func request(_ grant: Grant) async throws(OAuthError) -> OAuthTokens {
        let (response, used) = try await post(Self.fields(of: grant), to: endpoint)
        return try tokens(from: response, authentication: used)
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
            throw .tokenRefused(error: error, description: answer["error_description"]?.stringValue, host: host)
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

    private func send(_ fields: [(String, String)], to url: URL, _ authentication: OAuthClientAuthentication)
        async throws(OAuthError) -> HTTPClient.Response {
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
        let request = HTTPClient.Request.formPost(url: url, fields: fields, headers: headers)
        switch await client.send(request, timeout: timeout, responseLimit: Self.responseLimit) {
        case let .success(response): return response
        case let .failure(failure): throw .tokenEndpointUnreachable(host: Self.host(of: url), failure)
        }
    }

    private func tokens(from response: HTTPClient.Response, authentication: OAuthClientAuthentication) throws(OAuthError) -> OAuthTokens {
        guard !response.bodyExceededLimit, let answer = try? JSONParser.parse(Array(response.body)), case .object = answer else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the body is not JSON")
        }
        if let error = answer["error"]?.stringValue, (400...499).contains(response.status) {
            throw .tokenRefused(error: error, description: answer["error_description"]?.stringValue, host: host)
        }
        guard response.status == 200 else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "no tokens")
        }
        guard let tokens = OAuthTokens(answer, receivedAt: Date(), clientAuthentication: authentication) else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the answer has no access_token")
        }
        return tokens
    }

    private static func error(in response: HTTPClient.Response) -> String? {
        (try? JSONParser.parse(Array(response.body)))?["error"]?.stringValue
    }
}
