import Foundation

/// Turns what happened on the wire into a `ProbeResult`. Everything taken from the response
/// passes through the scrubber and the terminal sanitizer, because servers echo what they are sent.
struct ProbeJudgement {
    static let textLimit = 200

    let spec: ConnectorSpec
    let method: AuthMethod?
    let probe: ProbeSpec
    let request: ProbeRequest
    let scrubber: SecretScrubber
    let responseLimit: Int

    func result(of exchange: ProbeExchange) -> ProbeResult {
        let outcome = self.outcome(of: exchange)
        var identity: String?
        if outcome == .verified, let pointer = probe.identityPointer {
            identity = json(exchange.body).flatMap { JSONPointer.resolve(pointer, in: $0) }.flatMap(Self.text).flatMap(shownIdentity)
        }
        return ProbeResult(
            outcome: outcome, source: spec.title, authMethod: method?.name, status: exchange.status,
            latency: exchange.latency, identity: identity, concernedOptions: concernedOptions(outcome),
            address: address, askedLoopback: request.origin.isLoopback,
            serverDetail: outcome.exitStatus == .success ? nil : serverDetail(exchange.body),
            expiresAt: exchange.announcedExpiry)
    }

    private func outcome(of exchange: ProbeExchange) -> ProbeOutcome {
        if let failure = exchange.failure { return .unreachable(failure) }
        guard let status = exchange.status else { return .unreachable(.other) }
        if probe.expectedStatuses.contains(status) {
            // Only a success needs its body read; any other status decides alone, however long its body.
            if exchange.bodyExceededLimit { return .unexpectedResponse(.tooLarge(limit: responseLimit)) }
            guard let pointer = probe.identityPointer else { return .verified }
            guard let document = json(exchange.body) else { return .unexpectedResponse(.notJSON) }
            guard let value = JSONPointer.resolve(pointer, in: document), Self.text(value) != nil else {
                return .noIdentity(pointer: pointer)
            }
            return .verified
        }
        switch status {
        case 401: return .rejected
        case 403: return .forbidden
        case 404: return .notFound
        case 429: return .rateLimited(retryAfter: exchange.retryAfter.flatMap(safe))
        case 500...599: return .serverError
        case 300...399 where exchange.redirectRefused: return .unexpectedResponse(.redirect)
        default: return .unexpectedResponse(.status)
        }
    }

    private func concernedOptions(_ outcome: ProbeOutcome) -> [String] {
        switch outcome {
        case .rejected, .forbidden:
            let inAuth = Set(probe.auth.templates.flatMap(\.placeholders))
            return spec.formOptions(for: method).filter { $0.secret || inAuth.contains($0.name) }.map(\.name)
        case .notFound:
            return probe.url.placeholders
        case .unreachable:
            return ProbeRequest.hostOptions(of: probe.url)
        default:
            return []
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
