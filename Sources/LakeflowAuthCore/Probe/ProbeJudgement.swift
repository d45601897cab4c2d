import FoundationEssentials

/// Turns what happened on the wire for one request of a check into a `ProbeResult`. Everything taken
/// from the response passes through the scrubber and the terminal sanitizer, because servers echo what
/// they are sent.
struct ProbeJudgement {
    static let textLimit = 200
    /// RFC 6749 §5.2: a token endpoint's answer to credentials it does not take.
    static let oauthErrors: Set<String> = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
                                           "unsupported_grant_type", "invalid_scope"]

    /// The options each kind of failure concerns, so a form can mark them.
    struct Concerned {
        var rejected: [String]
        var notFound: [String]
        var unreachable: [String]
    }

    let source: String
    let method: String?
    let request: ProbeRequest
    let scrubber: SecretScrubber
    let responseLimit: Int
    let concerned: Concerned

    /// - Parameters:
    ///   - expect: the statuses that mean yes (or, before the last request, that let the check go on).
    ///   - reject: the statuses that mean the credentials are refused, besides 401 and 403.
    ///   - identity: the pointer naming who the credentials connect as, and the answer it reads.
    func result(of exchange: ProbeExchange, expect: [Int], reject: [Int] = [],
                identity: (pointer: String, document: JSONValue?)?) -> ProbeResult {
        result(exchange, outcome: outcome(of: exchange, expect: expect, reject: reject, identity: identity), identity: identity)
    }

    /// The answer let the check go on, but a later request reads a member of it that it lacks (a token
    /// endpoint answering 200 without `access_token`, as Zoho's does to a bad client): the check ends
    /// here. With an `error` member, as token endpoints write it, the credentials are refused.
    func resultLacking(_ member: String, in exchange: ProbeExchange) -> ProbeResult {
        let error = json(exchange.body)?["error"]?.stringValue
        let outcome: ProbeOutcome = error.map { !$0.isEmpty } == true ? .rejected : .unexpectedResponse(.lacks(member: member))
        return result(exchange, outcome: outcome, identity: nil)
    }

    private func result(_ exchange: ProbeExchange, outcome: ProbeOutcome, identity: (pointer: String, document: JSONValue?)?) -> ProbeResult {
        var shown: String?
        if outcome == .verified, let identity, let document = identity.document {
            shown = JSONPointer.resolve(identity.pointer, in: document).flatMap(Self.text).flatMap(shownIdentity)
        }
        return ProbeResult(
            outcome: outcome, source: source, authMethod: method, status: exchange.status,
            latency: exchange.latency, identity: shown, concernedOptions: concernedOptions(outcome),
            address: address, askedLoopback: request.origin.isLoopback,
            serverDetail: outcome.exitStatus == .success ? nil : serverDetail(exchange.body),
            expiresAt: exchange.announcedExpiry)
    }

    private func outcome(of exchange: ProbeExchange, expect: [Int], reject: [Int],
                         identity: (pointer: String, document: JSONValue?)?) -> ProbeOutcome {
        if let failure = exchange.failure { return .unreachable(failure) }
        guard let status = exchange.status else { return .unreachable(.other) }
        if expect.contains(status) {
            // Only a success needs its body read; any other status decides alone, however long its body.
            if exchange.bodyExceededLimit { return .unexpectedResponse(.tooLarge(limit: responseLimit)) }
            guard let identity else { return .verified }
            guard let document = identity.document ?? json(exchange.body) else { return .unexpectedResponse(.notJSON) }
            guard let value = JSONPointer.resolve(identity.pointer, in: document), Self.text(value) != nil else {
                return .noIdentity(pointer: identity.pointer)
            }
            return .verified
        }
        if reject.contains(status) { return .rejected }
        switch status {
        case 401: return .rejected
        case 403: return .forbidden
        case 400 where json(exchange.body)?["error"]?.stringValue.map(Self.oauthErrors.contains) == true: return .rejected
        case 404: return .notFound
        case 429: return .rateLimited(retryAfter: exchange.retryAfter.flatMap(safe))
        case 500...599: return .serverError
        case 300...399 where exchange.redirectRefused: return .unexpectedResponse(.redirect)
        default: return .unexpectedResponse(.status)
        }
    }

    private func concernedOptions(_ outcome: ProbeOutcome) -> [String] {
        switch outcome {
        case .rejected, .forbidden: return concerned.rejected
        case .notFound: return concerned.notFound
        case .unreachable: return concerned.unreachable
        default: return []
        }
    }

    private var address: String {
        let origin = request.origin
        let host = origin.host.contains(":") ? "[\(origin.host)]" : origin.host
        let defaultPort = origin.scheme == "https" ? 443 : 80
        return TerminalText.excerpt(origin.port == defaultPort ? host : "\(host):\(origin.port)", limit: Self.textLimit)
    }

    /// The server's own one-line explanation, when its JSON body has one.
    private func serverDetail(_ body: Data) -> String? {
        guard let document = json(body) else { return nil }
        for key in ["message", "error_description", "detail", "error"] {
            if let text = document[key]?.stringValue, !text.isEmpty { return scrubber.shown(text, limit: Self.textLimit) }
        }
        return nil
    }

    private func json(_ body: Data) -> JSONValue? {
        try? JSONParser.parse([UInt8](body))
    }

    /// The identity is printed and stored, and a server can echo the token back as the "name", with
    /// invisible characters inside it to slip past the scrubber: it is dropped whole when any run of a
    /// secret is in it.
    private func shownIdentity(_ text: String) -> String? {
        scrubber.revealsFragment(String(text.prefix(Self.textLimit * 20))) ? nil : safe(text)
    }

    private func safe(_ text: String) -> String? {
        scrubber.safe(text, limit: Self.textLimit)
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case let .string(text): return text.isEmpty ? nil : text
        case .integer, .number, .bool: return value.plainText
        case .null, .array, .object: return nil
        }
    }
}
