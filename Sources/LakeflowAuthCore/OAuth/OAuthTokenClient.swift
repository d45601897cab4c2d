import Foundation

/// Asks a token endpoint (RFC 6749 §4.1.3, §4.4, §6) for tokens. The client's credentials go in the
/// form body, which every provider these specs name accepts; when the endpoint answers 401
/// `invalid_client`, the request is made once more with HTTP Basic (§2.3.1), as some providers ask.
/// What the endpoint says back passes the one scrubber, which knows the client secret, the grant's own
/// secrets and whatever the caller adds (the form's secret options).
public struct OAuthTokenClient: Sendable {
    public enum Grant: Sendable {
        case authorizationCode(code: String, redirectURI: String, verifier: String?)
        case refreshToken(String)
        case clientCredentials(scopes: String?)
    }

    /// Token answers are a few hundred bytes; anything far bigger is not a token endpoint.
    static let responseLimit = 64 * 1024
    public static let defaultTimeout: Duration = .seconds(30)

    public let endpoint: URL
    public let clientID: String
    public let clientSecret: String
    public let timeout: Duration
    private let client: HTTPClient
    private let scrubber: SecretScrubber

    /// - Parameter scrubber: the other secrets in play (the form's); the client secret and both its
    ///   Basic pairs are added to it.
    public init(endpoint: URL, clientID: String, clientSecret: String, timeout: Duration = defaultTimeout,
                client: HTTPClient = HTTPClient(), scrubber: SecretScrubber = SecretScrubber()) {
        self.endpoint = endpoint
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.timeout = timeout
        self.client = client
        self.scrubber = scrubber.adding(secrets: [clientSecret], basicPairs: Self.basicPairs(clientID: clientID, clientSecret: clientSecret))
    }

    /// The client's credentials as HTTP Basic carries them, halves percent-encoded (RFC 6749 §2.3.1)
    /// and, as some providers read and echo them, not.
    static func basicPairs(clientID: String, clientSecret: String) -> [String] {
        [clientID + ":" + clientSecret, PercentEncoding.unreserved(clientID) + ":" + PercentEncoding.unreserved(clientSecret)]
    }

    var host: String { HTTPOrigin(endpoint).map { $0.port == 443 || $0.port == 80 ? $0.host : "\($0.host):\($0.port)" } ?? "the token endpoint" }

    public func request(_ grant: Grant) async throws(OAuthError) -> OAuthTokens {
        let scrubber = self.scrubber.adding(secrets: grant.secrets)
        let inBody = try await send(grant, basic: false)
        if inBody.status == 401, Self.error(in: inBody) == "invalid_client" {
            return try tokens(from: try await send(grant, basic: true), scrubber: scrubber)
        }
        return try tokens(from: inBody, scrubber: scrubber)
    }

    private func send(_ grant: Grant, basic: Bool) async throws(OAuthError) -> HTTPClient.Response {
        var fields: [(String, String)]
        switch grant {
        case let .authorizationCode(code, redirectURI, verifier):
            fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
            if let verifier { fields.append(("code_verifier", verifier)) }
        case let .refreshToken(token):
            fields = [("grant_type", "refresh_token"), ("refresh_token", token)]
        case let .clientCredentials(scopes):
            fields = [("grant_type", "client_credentials")]
            if let scopes, !scopes.isEmpty { fields.append(("scope", scopes)) }
        }
        var headers = [("Accept", "application/json"), ("User-Agent", ProbeRequest.userAgent)]
        if basic {
            let pair = PercentEncoding.unreserved(clientID) + ":" + PercentEncoding.unreserved(clientSecret)
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        } else {
            fields += [("client_id", clientID), ("client_secret", clientSecret)]
        }
        let request = HTTPClient.Request.formPost(url: endpoint, fields: fields, headers: headers)
        switch await client.send(request, timeout: timeout, responseLimit: Self.responseLimit) {
        case let .success(response): return response
        case .failure(.cancelled): throw .tokenEndpointUnreachable(host: host, .cancelled)
        case let .failure(failure): throw .tokenEndpointUnreachable(host: host, failure)
        }
    }

    private func tokens(from response: HTTPClient.Response, scrubber: SecretScrubber) throws(OAuthError) -> OAuthTokens {
        guard !response.bodyExceededLimit, let answer = try? JSONParser.parse(Array(response.body)), case .object = answer else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the body is not JSON")
        }
        if let error = answer["error"]?.stringValue, (400...499).contains(response.status) {
            throw .tokenRefused(error: scrubber.shown(error, limit: OAuthError.codeLimit),
                                description: answer["error_description"]?.stringValue.map { scrubber.shown($0, limit: OAuthError.descriptionLimit) },
                                host: host)
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
            guard let tokens = OAuthTokens(answer, receivedAt: Date()) else {
                throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the answer has no access_token")
            }
            return tokens
        }
    }

    private static func error(in response: HTTPClient.Response) -> String? {
        (try? JSONParser.parse(Array(response.body)))?["error"]?.stringValue
    }
}

extension OAuthTokenClient.Grant {
    /// What the grant itself sends that is secret: a code and its verifier, or a refresh token.
    var secrets: [String] {
        switch self {
        case let .authorizationCode(code, _, verifier): return [code] + (verifier.map { [$0] } ?? [])
        case let .refreshToken(token): return [token]
        case .clientCredentials: return []
        }
    }
}
