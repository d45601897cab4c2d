import Crypto
import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Synchronization

/// A real OAuth 2.0 provider on 127.0.0.1, for the tests: an authorization endpoint that redirects back
/// with a code, a token endpoint that checks the client secret, the redirect URI and the PKCE verifier
/// and issues, refreshes and rotates tokens, a device authorization endpoint (RFC 8628) with its
/// verification page, and an API that accepts only its access tokens. Like strict providers, the token
/// endpoint refuses a client that authenticates both in the body and with HTTP Basic.
///
///     GET  /authorize            302 to redirect_uri?code=…&state=…
///     POST /token, /<tenant>/token
///     POST /device               {"device_code", "user_code", "verification_uri", …}
///     GET  /device-page?user_code=…   the person approves (or, when it denies, refuses) the code
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
        /// HTTP Basic gets 401 `invalid_client`: only the body is accepted.
        public var acceptsOnlyBody = false
        /// The only redirect address the app registered; nil accepts any on 127.0.0.1 or localhost.
        public var registeredRedirectURI: String?
        /// A redirect address other than the registered one is sent back with `error=redirect_uri_mismatch`
        /// (as GitHub does) rather than refused on the provider's own page (as Google does).
        public var mismatchGoesBack = false
        /// The device endpoint's `interval` and `expires_in`, in seconds.
        public var deviceInterval = 1
        public var deviceExpiresIn = 600
        /// The first poll of a device code is answered `slow_down`.
        public var slowsDownFirstPoll = false
        /// The device endpoint gives `verification_uri_complete`.
        public var givesCompleteVerificationURI = true
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

    struct DeviceCode {
        var userCode: String
        var scope: String?
        /// Nil while the person has not answered.
        var approved: Bool?
        var redeemed = false
        var polls: [ContinuousClock.Instant] = []
    }

    struct State {
        var codes: [String: Issued] = [:]
        var deviceCodes: [String: DeviceCode] = [:]
        var refreshTokens: Set<String> = []
        var accessTokens: Set<String> = []
        var counter = 0
        /// Every token request's grant type and path, in order.
        var tokenRequests: [(grant: String, path: String, basic: Bool)] = []
        /// Token requests that carried the client's secret both in the body and as HTTP Basic.
        var doublyAuthenticated = 0
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
    public var doublyAuthenticatedRequests: Int { engine.state.withLock { $0.doublyAuthenticated } }
    /// When each poll of each device code came, in the order the codes were issued.
    public var devicePolls: [[ContinuousClock.Instant]] {
        engine.state.withLock { state in state.deviceCodes.sorted { $0.key < $1.key }.map(\.value.polls) }
    }
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

    /// The address a browser ends on after an authorization link, without following it there: what a
    /// person whose browser cannot reach this machine copies from its address bar.
    public static func redirectAddress(of url: URL) async -> String? {
        guard case let .success(redirect) = await HTTPClient().send(.init(url: url), timeout: .seconds(10), responseLimit: 1 << 16),
              redirect.status == 302 else { return nil }
        return redirect.header("Location")
    }

    /// What a person does with a device authorization's page: opens it (with the code filled in, or
    /// typing it) and answers; the page's status.
    public static func approve(_ verificationURI: URL, userCode: String? = nil) async -> Int? {
        var address = verificationURI.absoluteString
        if let userCode { address += (address.contains("?") ? "&" : "?") + "user_code=" + userCode }
        guard let url = URL(string: address),
              case let .success(page) = await HTTPClient().send(.init(url: url), timeout: .seconds(10), responseLimit: 1 << 16)
        else { return nil }
        return page.status
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
        case ("POST", "/device"): return deviceAuthorization(request)
        case ("GET", "/device-page"): return devicePage(Self.fields(Array((request.rawQuery ?? "").utf8)))
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
              let redirect = query["redirect_uri"], redirect.hasPrefix("http://127.0.0.1:") || redirect.hasPrefix("http://localhost:")
        else { return .text(400, "bad authorization request") }
        let givenState = query["state"] ?? ""
        var back: [(String, String)]
        if let registered = behaviour.registeredRedirectURI, redirect != registered {
            guard behaviour.mismatchGoesBack else { return .text(400, "Error 400: redirect_uri_mismatch") }
            back = [("error", "redirect_uri_mismatch"), ("error_description", "The redirect_uri MUST match the registered callback URL"),
                    ("state", givenState)]
        } else if behaviour.deniesAuthorization {
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
        let inBody = fields["client_secret"] != nil
        state.withLock { state in
            state.tokenRequests.append((grant, request.path, basic))
            if basic && inBody { state.doublyAuthenticated += 1 }
        }
        guard !(basic && inBody) else {
            return .json(400, ["error": "invalid_request", "error_description": "more than one client authentication method"])
        }
        guard !(behaviour.acceptsOnlyBasic && !basic), !(behaviour.acceptsOnlyBody && basic),
              clientID == behaviour.clientID, secret == behaviour.clientSecret else {
            return .json(401, ["error": "invalid_client", "error_description": "client authentication failed"])
        }
        switch grant {
        case "authorization_code":
            let issued = state.withLock { state in state.codes.removeValue(forKey: fields["code"] ?? "") }
            guard let issued else { return Self.invalidGrant("unknown code") }
            guard fields["redirect_uri"] == issued.redirectURI else {
                return .json(400, ["error": "redirect_uri_mismatch", "error_description": "Bad Request"])
            }
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
        case "urn:ietf:params:oauth:grant-type:device_code":
            return deviceToken(fields["device_code"] ?? "")
        default:
            return .json(400, ["error": "unsupported_grant_type"])
        }
    }

    /// The device endpoint authenticates the client as the token endpoint does, then hands out codes.
    private func deviceAuthorization(_ request: HTTPRequest) -> HTTPResponse {
        let fields = Dictionary((request.formFields ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let basicID = request.header("authorization").flatMap { $0.hasPrefix("Basic ") ? Data(base64Encoded: String($0.dropFirst(6))) : nil }
            .map { String(decoding: $0, as: UTF8.self).split(separator: ":").first.map(String.init) ?? "" }
        guard (fields["client_id"] ?? basicID) == behaviour.clientID else {
            return .json(401, ["error": "invalid_client", "error_description": "unknown client"])
        }
        let base = "http://" + (request.header("host") ?? "127.0.0.1")
        let (deviceCode, userCode) = state.withLock { state in
            let deviceCode = Self.next("device", &state)
            let userCode = "WDJB-\(1000 + state.counter)"
            state.deviceCodes[deviceCode] = FakeOAuthProvider.DeviceCode(userCode: userCode, scope: fields["scope"])
            return (deviceCode, userCode)
        }
        var body = #"{"device_code":"\#(deviceCode)","user_code":"\#(userCode)","verification_uri":"\#(base)/device-page""#
        if behaviour.givesCompleteVerificationURI { body += #","verification_uri_complete":"\#(base)/device-page?user_code=\#(userCode)""# }
        body += #","expires_in":\#(behaviour.deviceExpiresIn),"interval":\#(behaviour.deviceInterval)}"#
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data(body.utf8))
    }

    private func devicePage(_ query: [String: String]) -> HTTPResponse {
        let approved = !behaviour.deniesAuthorization
        let found = state.withLock { state in
            guard let key = state.deviceCodes.first(where: { $0.value.userCode == query["user_code"] })?.key else { return false }
            state.deviceCodes[key]?.approved = approved
            return true
        }
        guard found else { return .text(404, "no such code") }
        return .text(200, approved ? "device approved" : "device denied")
    }

    private func deviceToken(_ deviceCode: String) -> HTTPResponse {
        let answer: String? = state.withLock { state in
            guard var code = state.deviceCodes[deviceCode], !code.redeemed else { return "invalid_grant" }
            code.polls.append(.now)
            state.deviceCodes[deviceCode] = code
            if behaviour.slowsDownFirstPoll && code.polls.count == 1 { return "slow_down" }
            switch code.approved {
            case nil: return "authorization_pending"
            case false?: return "access_denied"
            case true?:
                state.deviceCodes[deviceCode]?.redeemed = true
                return nil
            }
        }
        guard let answer else { return tokens(refresh: behaviour.issuesRefreshTokens) }
        return .json(400, ["error": answer])
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
