import Foundation

/// Asks a token endpoint (RFC 6749 §4.1.3, §4.4, §6) for tokens. Where the built-in layer says where the
/// connector puts the client's credentials (`oauth.client_auth`: the form body or HTTP Basic), they go
/// there, once. Where nothing says, they go in the body, which every provider these specs name accepts,
/// and an endpoint that answers 401 `invalid_client` is asked once more with HTTP Basic (§2.3.1).
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
    /// Where the client's credentials go; nil tries the body, then Basic.
    public let clientAuth: CheckFile.OAuthExchange.ClientAuth?
    /// Form fields the connector adds to every token request (Microsoft's `resource`).
    public let extraFields: [(String, String)]
    private let client: HTTPClient

    public init(endpoint: URL, clientID: String, clientSecret: String, timeout: Duration = defaultTimeout,
                clientAuth: CheckFile.OAuthExchange.ClientAuth? = nil, extraFields: [(String, String)] = [],
                client: HTTPClient = HTTPClient()) {
        self.endpoint = endpoint
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.timeout = timeout
        self.clientAuth = clientAuth
        self.extraFields = extraFields
        self.client = client
    }

    var host: String { HTTPOrigin(endpoint).map { $0.port == 443 || $0.port == 80 ? $0.host : "\($0.host):\($0.port)" } ?? "the token endpoint" }

    public func request(_ grant: Grant) async throws(OAuthError) -> OAuthTokens {
        let first = try await send(request(for: grant, basic: clientAuth == .basic))
        if clientAuth == nil, first.status == 401, Self.error(in: first) == "invalid_client" {
            return try tokens(from: try await send(request(for: grant, basic: true)))
        }
        return try tokens(from: first)
    }

    /// The token request for `grant`, as it is sent (a plan shows it before anything is).
    func request(for grant: Grant, basic: Bool) -> HTTPClient.Request {
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
        return HTTPClient.Request.formPost(url: endpoint, fields: fields + extraFields.filter { !$0.1.isEmpty }, headers: headers)
    }

    private func send(_ request: HTTPClient.Request) async throws(OAuthError) -> HTTPClient.Response {
        switch await client.send(request, timeout: timeout, responseLimit: Self.responseLimit) {
        case let .success(response): return response
        case .failure(.cancelled): throw .tokenEndpointUnreachable(host: host, .cancelled)
        case let .failure(failure): throw .tokenEndpointUnreachable(host: host, failure)
        }
    }

    private func tokens(from response: HTTPClient.Response) throws(OAuthError) -> OAuthTokens {
        guard !response.bodyExceededLimit, let answer = try? JSONParser.parse(Array(response.body)), case .object = answer else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the body is not JSON")
        }
        if let error = answer["error"]?.stringValue, (400...499).contains(response.status) {
            throw .tokenRefused(error: error, description: answer["error_description"]?.stringValue, host: host)
        }
        guard response.status == 200 else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "no tokens")
        }
        guard let tokens = OAuthTokens(answer, receivedAt: Date()) else {
            throw .tokenEndpointAnsweredWrongly(host: host, status: response.status, problem: "the answer has no access_token")
        }
        return tokens
    }

    private static func error(in response: HTTPClient.Response) -> String? {
        (try? JSONParser.parse(Array(response.body)))?["error"]?.stringValue
    }
}
