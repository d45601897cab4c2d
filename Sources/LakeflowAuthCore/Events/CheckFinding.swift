/// What a check found, as the `checked` event tells it: whether the credentials may be kept, the one
/// sentence the forms show, and the source's answer when there was one (an OAuth failure or a request
/// refused before it was sent has none).
public struct CheckFinding: Sendable {
    public let passed: Bool
    public let message: String
    public let result: ProbeResult?
    /// The exit status a run that stops here ends with.
    public let exitStatus: ExitStatus

    public init(_ result: ProbeResult) {
        passed = result.passes
        message = result.message
        self.result = result
        exitStatus = result.exitStatus
    }

    public init(_ failure: CheckFailure) {
        passed = false
        message = failure.message
        result = failure.result
        exitStatus = failure.exitStatus
    }

    var members: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("passed", .bool(passed))]
        if let result {
            members += [
                ("outcome", .string(result.outcome.name)),
                ("verified", .bool(result.isVerified)),
                ("identity", result.identity.map(JSONValue.string) ?? .null),
                ("http_status", result.status.map(JSONValue.integer) ?? .null),
                ("latency_ms", result.latency.map { .integer(Int(ProbeResult.milliseconds($0))) } ?? .null),
                ("options", .array(result.concernedOptions.map(JSONValue.string))),
            ]
        }
        members += [("message", .string(message)), ("exit_status", .integer(Int(exitStatus.rawValue)))]
        return members
    }
}

extension ProbeOutcome {
    /// The outcome's name in the events, stable for scripts to match on.
    public var name: String {
        switch self {
        case .verified: return "verified"
        case .unverified: return "unverified"
        case .rejected: return "rejected"
        case .forbidden: return "forbidden"
        case .notFound: return "not_found"
        case .rateLimited: return "rate_limited"
        case .serverError: return "server_error"
        case .unreachable: return "unreachable"
        case .noIdentity: return "no_identity"
        case .unexpectedResponse: return "unexpected_response"
        }
    }
}
