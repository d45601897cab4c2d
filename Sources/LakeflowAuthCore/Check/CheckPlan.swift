import FoundationEssentials
import LoopbackHTTP

/// What a check would send, in order, made without sending anything (`--dry-run`): the same filling
/// and the same refusals as a run, secrets masked unless revealed, values the check would obtain on the
/// way shown as `{access_token}`. In a method the spec's OAuth flow serves, the flow's own token request
/// comes first: it is sent as part of the check, and the access token it returns is `{access_token}`.
public struct CheckPlan: Sendable {
    public struct Request: Sendable {
        public let method: String
        public let url: String
        /// As sent, but for `User-Agent` (every request carries `lakeflow-auth`).
        public let headers: [(String, String)]
        /// A form as an object of its fields, a JSON body as itself; nil without a body.
        public let body: JSONValue?
    }

    public let connector: String
    public let authMethod: String?
    /// Whether the first request is the OAuth flow's token request (a refresh grant, client
    /// credentials, a code's redemption).
    public let startsWithFlow: Bool
    /// Where the check comes from: `spec` for the spec's probe (or its OAuth flow alone); nil when
    /// nothing is declared.
    public let source: ConnectorCheck.Source?
    public let requests: [Request]
    public let expect: [Int]
    public let identity: String?
    /// Why one request cannot tell, from the layer.
    public let noCheck: String?

    /// - Throws: `ProbeRefusal` where a run would refuse to send (an address, the secret-host rule, a
    ///   key that cannot sign); `OAuthError` or `InvalidForm` where the flow's endpoints cannot be filled.
    public static func make(_ credentials: Credentials, spec: ConnectorSpec, reveal: Bool,
                            refreshToken: String? = nil, now: Date = Date()) throws -> CheckPlan {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        let options = spec.formOptions(for: method)
        var requests: [Request] = []
        var flowRequest: Request?
        var flowToken: CheckScope.FlowToken?
        let authorization = OAuthAuthorization(presenter: nil).with(refreshToken: refreshToken)
        if let tokenRequest = try authorization.plannedTokenRequest(credentials, spec: spec) {
            let secrets = options.filter(\.secret).compactMap { credentials[$0.name]?.plainText } + [refreshToken].compactMap { $0 }
            flowRequest = shown(tokenRequest, secrets: secrets, reveal: reveal)
            flowToken = .toCome
        }
        requests += flowRequest.map { [$0] } ?? []
        guard let declared = spec.check(for: method, credentials: credentials), declared.noCheckReason == nil else {
            // The flow alone is the check where nothing else is declared: its answer decides.
            let reason = spec.check(for: method, credentials: credentials)?.noCheckReason
            return CheckPlan(connector: spec.connector, authMethod: method?.name, startsWithFlow: flowRequest != nil,
                             source: flowRequest == nil ? nil : .spec, requests: requests, expect: flowRequest == nil ? [] : [200],
                             identity: nil, noCheck: reason)
        }
        let check = ProbeClient.replacingAuth(declared, flowGivesToken: flowToken != nil)
        var scope = CheckScope(check: check, credentials: credentials, options: options, flowToken: flowToken, reveal: reveal, now: now)
        var identity: String?
        for request in try scope.requestsToSend() {
            let filled = try scope.prepared(request, connector: spec.connector).filled
            requests.append(Request(method: filled.method, url: filled.url.shown, headers: filled.shownHeaders, body: filled.shownBody))
            scope.record(request.name, .pending)
            identity = identity ?? request.identity
        }
        guard case let .requests(_, expect, checkIdentity) = check.body else { preconditionFailure("a check without requests was planned") }
        return CheckPlan(connector: spec.connector, authMethod: method?.name, startsWithFlow: flowRequest != nil, source: check.source,
                         requests: requests, expect: expect, identity: checkIdentity ?? identity, noCheck: nil)
    }

    /// A request the OAuth flow sends, as a plan shows it: its secrets masked, the code's part still to come.
    private static func shown(_ request: HTTPClient.Request, secrets: [String], reveal: Bool) -> Request {
        func mask(_ value: String) -> String {
            reveal || !secrets.contains(value) ? value : Masking.mask(value)
        }
        let headers = request.headers.filter { $0.0 != "User-Agent" }.map { name, value -> (String, String) in
            guard !reveal, name == "Authorization", value.hasPrefix("Basic "),
                  let decoded = Data(base64Encoded: String(value.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }),
                  let colon = decoded.firstIndex(of: ":") else { return (name, value) }
            return (name, "Basic base64(" + decoded[..<colon] + ":" + Masking.mask(String(decoded[decoded.index(after: colon)...])) + ")")
        }
        let fields = request.body.flatMap { FormURLEncoded.decode($0) } ?? []
        return Request(method: request.method, url: request.url.absoluteString, headers: headers,
                       body: request.body == nil ? nil : .object(fields.map { ($0.name, .string(mask($0.value))) }))
    }

    /// `{"connector": …, "auth_method": …, "check": {…} | null, "no_check": … | null}`.
    public var json: JSONValue {
        let check: JSONValue = source.map { source in
            .object([
                ("source", .string(source.rawValue)),
                ("requests", .array(requests.map { request in
                    .object([
                        ("method", .string(request.method)),
                        ("url", .string(request.url)),
                        ("headers", .object(request.headers.map { ($0.0, .string($0.1)) })),
                        ("body", request.body ?? .null),
                    ])
                })),
                ("expect", .array(expect.map(JSONValue.integer))),
                ("identity", identity.map(JSONValue.string) ?? .null),
            ])
        } ?? .null
        return .object([
            ("connector", .string(connector)),
            ("auth_method", authMethod.map(JSONValue.string) ?? .null),
            ("check", check),
            ("no_check", noCheck.map(JSONValue.string) ?? .null),
        ])
    }

    /// The plan as a person reads it, every text from outside made safe for a terminal.
    public func lines(title: String) -> [String] {
        let scope = TerminalText.sanitized(title) + (authMethod.map { " (\(TerminalText.sanitized($0)))" } ?? "")
        guard let source else {
            if let noCheck { return ["\(scope): no live check (\(TerminalText.sanitized(noCheck))); nothing would be sent"] }
            return ["\(scope): no check is declared; nothing would be sent and the credentials would be saved unverified"]
        }
        let what = startsWithFlow && requests.count == 1 ? "the spec's OAuth flow"
            : source == .builtIn ? "the built-in check" : "the spec's check"
        var lines = ["\(scope): \(what) would send, in order:"]
        for (index, request) in requests.enumerated() {
            lines += Self.lines(request, number: index + 1, flow: startsWithFlow && index == 0)
        }
        let statuses = expect.map(String.init).joined(separator: " or ")
        lines.append("HTTP \(statuses) from the last means the credentials work"
            + (identity.map { "; \(TerminalText.sanitized($0)) names who they connect as" } ?? ""))
        if let noCheck { lines.append("then nothing more: \(TerminalText.sanitized(noCheck))") }
        return lines
    }

    /// One request: its line, its headers and its body, indented under it.
    private static func lines(_ request: Request, number: Int, flow: Bool) -> [String] {
        var lines = ["  \(number). \(request.method) \(TerminalText.sanitized(request.url))" + (flow ? "  (the OAuth flow's token request)" : "")]
        for (name, value) in request.headers {
            lines.append("       \(TerminalText.sanitized(name)): \(TerminalText.sanitized(value))")
        }
        if case let .object(fields)? = request.body, request.headers.contains(where: { $0.1 == "application/x-www-form-urlencoded" }) {
            lines.append("       form: " + fields.map { "\(TerminalText.sanitized($0.0))=\(TerminalText.sanitized($0.1.plainText))" }.joined(separator: " "))
        } else if let body = request.body {
            lines.append("       json: " + TerminalText.sanitized(body.serialized()))
        }
        return lines
    }
}
