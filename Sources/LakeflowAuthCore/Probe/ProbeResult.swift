import FoundationEssentials

/// What one probe found: the outcome, what the server said (with secrets removed), and which
/// options the user should look at.
public struct ProbeResult: Sendable, Equatable {
    public let outcome: ProbeOutcome
    /// The display name of the source, as messages call it.
    public let source: String
    /// The auth method the credentials are for, when the spec has several.
    public let authMethod: String?
    /// The final response's status; nil when there was none.
    public let status: Int?
    /// From sending the request to the end of the answer; nil when nothing was sent.
    public let latency: Duration?
    /// Who the credentials connect as, from the declared JSON pointer, made safe for a terminal.
    public let identity: String?
    /// The options this outcome concerns, so a form can mark them and headless mode can name their env vars.
    public let concernedOptions: [String]
    /// The host (and port) that was asked, for network failures.
    public let address: String?
    /// That host is this machine (127.0.0.1, ::1, localhost).
    public let askedLoopback: Bool
    /// A short excerpt of the server's own explanation, when it gave one, made safe for a terminal.
    public let serverDetail: String?
    /// The token endpoint's host, when a successful OAuth exchange is the whole check (no probe declared).
    public let authorizedBy: String?
    /// When the source announced that the credentials expire (`AnnouncedExpiry`), if it did.
    public let expiresAt: Date?
    /// Why one request cannot check these credentials, when the built-in layer says (`no_check`).
    public let unverifiedReason: String?

    public init(outcome: ProbeOutcome, source: String, authMethod: String? = nil, status: Int? = nil, latency: Duration? = nil,
                identity: String? = nil, concernedOptions: [String] = [], address: String? = nil, askedLoopback: Bool = false,
                serverDetail: String? = nil, authorizedBy: String? = nil, expiresAt: Date? = nil, unverifiedReason: String? = nil) {
        self.outcome = outcome
        self.source = source
        self.authMethod = authMethod
        self.status = status
        self.latency = latency
        self.identity = identity
        self.concernedOptions = concernedOptions
        self.address = address
        self.askedLoopback = askedLoopback
        self.serverDetail = serverDetail
        self.authorizedBy = authorizedBy
        self.expiresAt = expiresAt
        self.unverifiedReason = unverifiedReason
    }

    /// The result for a spec that declares no check for the chosen auth method, or whose built-in
    /// check says why one request cannot tell (`reason`).
    public static func unverified(source: String, authMethod: String?, reason: String? = nil) -> ProbeResult {
        ProbeResult(outcome: .unverified, source: source, authMethod: authMethod, unverifiedReason: reason)
    }

    public var exitStatus: ExitStatus { outcome.exitStatus }

    public var isVerified: Bool { outcome == .verified }

    /// Whether credentials may be kept on this answer without anyone's say-so: the source accepted
    /// them, or the spec declares no way to ask it.
    public var passes: Bool { isVerified || outcome == .unverified }

    public var message: String { message(naming: { $0 }) }

    /// The one-sentence message, with each option named by `naming` (headless mode passes env vars).
    public func message(naming: (String) -> String) -> String {
        let http = status.map { "HTTP \($0)" } ?? "no status"
        switch outcome {
        case .verified:
            let timing = [http, latency.map { "\(Self.milliseconds($0)) ms" }].compactMap { $0 }.joined(separator: ", ")
            if let authorizedBy { return "authorized by \(authorizedBy) (\(timing))" }
            return identity.map { "connected to \(source) as \($0) (\(timing))" } ?? "connected to \(source) (\(timing))"
        case .unverified:
            let scope = authMethod.map { "auth method \"\($0)\" of \(source)" } ?? source
            if let unverifiedReason { return "\(scope) is not checked live (\(TerminalText.excerpt(unverifiedReason, limit: 200))), so the credentials are unverified" }
            return "no check is declared for \(scope), so the credentials are unverified"
        case .rejected:
            return "the credentials were rejected by \(source) (\(http))"
        case .forbidden:
            return "the credentials are valid but lack permission at \(source) (\(http))"
        case .notFound:
            let names = concernedOptions.map(naming)
            let advice = names.isEmpty ? "check the address in the spec's check" : "check " + Self.list(names)
            return "nothing found at \(source)'s address for the check (\(http)): \(advice)"
        case let .rateLimited(retryAfter):
            return "rate limited by \(source) (\(http)): " + Self.retryAdvice(retryAfter)
        case .serverError:
            return "server error at \(source) (\(http)): try again later"
        case let .unreachable(failure):
            return Self.networkMessage(failure, source: source, address: address ?? source)
        case let .noIdentity(pointer):
            return "the credentials work but \(source)'s answer has no identity at \(pointer)"
        case .unexpectedResponse(.status):
            return "unexpected answer from \(source) (\(http))"
        case .unexpectedResponse(.redirect):
            return "not following \(source)'s redirect (\(http)): the credentials stay with \(address ?? source)"
        case .unexpectedResponse(.notJSON):
            return "unexpected answer from \(source) (\(http)): the body is not JSON"
        case let .unexpectedResponse(.lacks(member)):
            return "unexpected answer from \(source) (\(http)): it has no \(member)"
        case let .unexpectedResponse(.tooLarge(limit)):
            return "unexpected answer from \(source) (\(http)): the body is larger than \(limit / 1024) KiB"
        }
    }

    /// The env vars of the concerned options, for headless mode to print.
    public func concernedEnvVars(in spec: ConnectorSpec) -> [String] {
        concernedOptions.map { name in
            spec.option(named: name)?.envVar ?? EnvVarName.forOption(name, connector: spec.connector)
        }
    }

    private static func networkMessage(_ failure: ProbeOutcome.NetworkFailure, source: String, address: String) -> String {
        switch failure {
        case .hostNotFound: return "cannot find the host \(address)"
        case .connectionRefused: return "\(address) refused the connection"
        case .tls: return "the secure connection to \(address) failed"
        case let .timedOut(seconds): return "no answer from \(source) within \(Self.seconds(seconds))"
        case .noHTTPClient: return "cannot ask \(source): libcurl is not installed (apt-get install libcurl4)"
        case .other: return "cannot reach \(address)"
        }
    }

    private static func retryAdvice(_ retryAfter: String?) -> String {
        guard let retryAfter else { return "try again later" }
        if let seconds = Int(retryAfter) { return "try again in \(seconds) second" + (seconds == 1 ? "" : "s") }
        return "try again after \(retryAfter)"
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private static func seconds(_ value: Double) -> String {
        let text = value == value.rounded() ? String(Int(value)) : String(value)
        return text + (value == 1 ? " second" : " seconds")
    }
}
