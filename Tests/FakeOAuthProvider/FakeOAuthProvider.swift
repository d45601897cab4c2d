import Crypto
import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Synchronization

/// A real OAuth 2.0 provider on 127.0.0.1, for the tests: an authorization endpoint that redirects back
/// with a code, a token endpoint that checks the client secret, the redirect URI and the PKCE verifier
/// and issues, refreshes and rotates tokens, and an API that accepts only its access tokens.
///
///     GET  /authorize            302 to redirect_uri?code=…&state=…
///     POST /token, /<tenant>/token
///     GET  /api/me               {"name": "alice"} for a live access token, else 401
public final class FakeOAuthProvider: Sendable {
    public struct Behaviour: Sendable {
        public var clientID = "demo-app"
        public var clientSecret = "demo-app-secret-8c1f"
        /// The authorization endpoint sends the browser back with `error=access_denied`.
        public var deniesAuthorization = false
        /// It sends back another `state` than it was given.
        public var returnsWrongState = false
        /// It sends back the state but neither a code nor an error.
        public var omitsCode = false
        public var issuesRefreshTokens = true
        public var rotatesRefreshTokens = true
        /// Client credentials in the body get 401 `invalid_client`: only HTTP Basic is accepted.
        public var acceptsOnlyBasic = false
        /// The token endpoint answers 200 with an HTML page.
        public var answersHTML = false
        public var expiresIn = 3600
        /// The `token_type` of what the token endpoint grants.
        public var tokenType = "Bearer"
        /// Appended to every access token granted: a line break, say, that no header could carry.
        public var accessTokenSuffix = ""

        public init() {}
    }

    struct Issued: Sendable {
        var code: String
        var redirectURI: String
        var challenge: String?
        var scope: String?
    }

    struct State {
        var codes: [String: Issued] = [:]
        var refreshTokens: Set<String> = []
        var accessTokens: Set<String> = []
        var counter = 0
        /// Every token request's grant type and path, in order.
        var tokenRequests: [(grant: String, path: String, basic: Bool)] = []
        var authorizationQueries: [[String: String]] = []
        var clientCredentialsScopes: [String] = []
    }

    public let behaviour: Behaviour
    private let engine: Engine
    private let server: LoopbackServer

    public init(_ behaviour: Behaviour = Behaviour()) {
        self.behaviour = behaviour
        let engine = Engine(behaviour)
        self.engine = engine
        server = LoopbackServer { request in .respond(engine.answer(request)) }
    }

    public func start() async throws -> URL { try await server.start() }
    public func stop() async { await server.stop() }

    public var tokenRequests: [(grant: String, path: String, basic: Bool)] { engine.state.withLock { $0.tokenRequests } }
    public var authorizationQueries: [[String: String]] { engine.state.withLock { $0.authorizationQueries } }
    public var clientCredentialsScopes: [String] { engine.state.withLock { $0.clientCredentialsScopes } }

    /// A refresh token the provider will honour, as if issued by an earlier authorization.
    public func issueRefreshToken() -> String {
        engine.state.withLock { state in
            let token = Engine.next("refresh", &state)
            state.refreshTokens.insert(token)
            return token
        }
    }

    public func isLive(refreshToken: String) -> Bool { engine.state.withLock { $0.refreshTokens.contains(refreshToken) } }
    public func isLive(accessToken: String) -> Bool { engine.state.withLock { $0.accessTokens.contains(accessToken) } }

    /// What a person's browser does with an authorization link: GET it, then the callback it redirects
    /// to; the callback page's status and text, nil when either step fails.
    public static func browse(_ url: URL) async -> (status: Int, text: String)? {
        let client = HTTPClient()
        guard case let .success(redirect) = await client.send(.init(url: url), timeout: .seconds(10), responseLimit: 1 << 16),
              redirect.status == 302, let location = redirect.header("Location"), let callback = URL(string: location),
              case let .success(page) = await client.send(.init(url: callback), timeout: .seconds(10), responseLimit: 1 << 16)
        else { return nil }
        return (page.status, String(decoding: page.body, as: UTF8.self))
    }

}

/// The provider's endpoints and what they have issued, apart from the server that serves them.
private final class Engine: Sendable {
    let behaviour: FakeOAuthProvider.Behaviour
    let state = Mutex(FakeOAuthProvider.State())

    init(_ behaviour: FakeOAuthProvider.Behaviour) {
        self.behaviour = behaviour
    }

    func isLive(accessToken: String) -> Bool { state.withLock { $0.accessTokens.contains(accessToken) } }

    func answer(_ request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/authorize"): return authorize(Self.fields(Array((request.rawQuery ?? "").utf8)))
        case ("POST", let path) where path.hasSuffix("/token"): return token(request)
        case ("GET", "/api/me"):
            let bearer = request.header("authorization").flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            guard let bearer, isLive(accessToken: bearer) else { return .json(401, ["error": "invalid_token"]) }
            return .json(200, ["name": "alice"])
        default: return .text(404, "not found")
        }
    }

    private func authorize(_ query: [String: String]) -> HTTPResponse {
        state.withLock { $0.authorizationQueries.append(query) }
        guard query["response_type"] == "code", query["client_id"] == behaviour.clientID,
              let redirect = query["redirect_uri"], redirect.hasPrefix("http://127.0.0.1:"), redirect.hasSuffix("/oauth/callback")
        else { return .text(400, "bad authorization request") }
        let givenState = query["state"] ?? ""
        var back: [(String, String)]
        if behaviour.deniesAuthorization {
            back = [("error", "access_denied"), ("error_description", "The user said no"), ("state", givenState)]
        } else if behaviour.omitsCode {
            back = [("state", givenState)]
        } else {
            let code = state.withLock { state in
                let code = Self.next("code", &state)
                state.codes[code] = FakeOAuthProvider.Issued(code: code, redirectURI: redirect, challenge: query["code_challenge"], scope: query["scope"])
                return code
            }
            back = [("code", code), ("state", behaviour.returnsWrongState ? "forged-state" : givenState)]
        }
        let location = redirect + "?" + String(decoding: FormURLEncoded.encode(back.map { (name: $0.0, value: $0.1) }), as: UTF8.self)
        return HTTPResponse(status: 302, headers: [("Location", location)])
    }

    private func token(_ request: HTTPRequest) -> HTTPResponse {
        guard !behaviour.answersHTML else {
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/html")], body: Data("<html>sign in</html>".utf8))
        }
        let fields = Dictionary((request.formFields ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var clientID = fields["client_id"], secret = fields["client_secret"]
        let basic = request.header("authorization")?.hasPrefix("Basic ") ?? false
        if basic, let encoded = request.header("authorization")?.dropFirst(6), let data = Data(base64Encoded: String(encoded)) {
            let pair = String(decoding: data, as: UTF8.self).split(separator: ":", maxSplits: 1).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            if pair.count == 2 { clientID = pair[0]; secret = pair[1] }
        }
        let grant = fields["grant_type"] ?? ""
        state.withLock { $0.tokenRequests.append((grant, request.path, basic)) }
        guard !(behaviour.acceptsOnlyBasic && !basic), clientID == behaviour.clientID, secret == behaviour.clientSecret else {
            return .json(401, ["error": "invalid_client", "error_description": "client authentication failed"])
        }
        switch grant {
        case "authorization_code":
            let issued = state.withLock { state in state.codes.removeValue(forKey: fields["code"] ?? "") }
            guard let issued, fields["redirect_uri"] == issued.redirectURI else { return Self.invalidGrant("unknown code or redirect_uri") }
            if let challenge = issued.challenge {
                guard let verifier = fields["code_verifier"], Self.challenge(verifier) == challenge else {
                    return Self.invalidGrant("PKCE verification failed")
                }
            } else if fields["code_verifier"] != nil {
                return Self.invalidGrant("a code_verifier without a code_challenge")
            }
            return tokens(refresh: behaviour.issuesRefreshTokens)
        case "refresh_token":
            let presented = fields["refresh_token"] ?? ""
            let live = state.withLock { state in
                guard state.refreshTokens.contains(presented) else { return false }
                if behaviour.rotatesRefreshTokens { state.refreshTokens.remove(presented) }
                return true
            }
            guard live else { return Self.invalidGrant("refresh token expired or revoked") }
            return tokens(refresh: behaviour.rotatesRefreshTokens)
        case "client_credentials":
            state.withLock { $0.clientCredentialsScopes.append(fields["scope"] ?? "") }
            return tokens(refresh: false)
        default:
            return .json(400, ["error": "unsupported_grant_type"])
        }
    }

    private func tokens(refresh: Bool) -> HTTPResponse {
        let (access, refreshToken) = state.withLock { state in
            let access = Self.next("access", &state)
            state.accessTokens.insert(access)
            var refreshToken: String?
            if refresh {
                refreshToken = Self.next("refresh", &state)
                state.refreshTokens.insert(refreshToken!)
            }
            return (access, refreshToken)
        }
        var body = #"{"access_token":\#(JSONValue.string(access + behaviour.accessTokenSuffix).serialized()),"#
            + #""token_type":\#(JSONValue.string(behaviour.tokenType).serialized()),"expires_in":\#(behaviour.expiresIn)"#
        if let refreshToken { body += #","refresh_token":"\#(refreshToken)""# }
        body += "}"
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data(body.utf8))
    }

    private static func invalidGrant(_ description: String) -> HTTPResponse {
        .json(400, ["error": "invalid_grant", "error_description": description])
    }

    static func challenge(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func next(_ kind: String, _ state: inout FakeOAuthProvider.State) -> String {
        state.counter += 1
        return "\(kind)-\(state.counter)-\(UUID().uuidString.prefix(8))"
    }

    static func fields(_ bytes: [UInt8]) -> [String: String] {
        Dictionary((FormURLEncoded.decode(bytes) ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
