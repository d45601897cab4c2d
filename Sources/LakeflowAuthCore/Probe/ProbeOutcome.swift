/// What a probe found out, one case per thing the user has to do differently.
public enum ProbeOutcome: Sendable, Equatable {
    /// The source accepted the credentials (and named who they belong to, when the probe asks).
    case verified
    /// The spec declares no probe for this auth method: nothing was sent, nothing is known.
    case unverified
    /// 401: the source does not accept these credentials.
    case rejected
    /// 403: the credentials are valid but may not read what the probe asked for.
    case forbidden
    /// 404: the address is wrong, usually the base URL or the workspace in it.
    case notFound
    /// 429; `retryAfter` is the server's `Retry-After`, as sent (seconds or an HTTP date).
    case rateLimited(retryAfter: String?)
    /// 5xx.
    case serverError
    /// The request never got an answer.
    case unreachable(NetworkFailure)
    /// An expected status, but the answer has nothing at the declared identity pointer.
    case noIdentity(pointer: String)
    /// An answer the probe cannot make sense of.
    case unexpectedResponse(UnexpectedResponse)

    public enum NetworkFailure: Sendable, Equatable {
        case hostNotFound
        case connectionRefused
        case tls
        case timedOut(seconds: Double)
        /// No libcurl on this machine to send the request with.
        case noHTTPClient
        case other
    }

    public enum UnexpectedResponse: Sendable, Equatable {
        case status
        /// A redirect that would leave the origin, or one too many.
        case redirect
        case notJSON
        /// A member a later request of the check reads (`access_token`) is not in the answer.
        case lacks(member: String)
        case tooLarge(limit: Int)
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .verified, .unverified: return .success
        case .rejected, .forbidden: return .rejected
        case .notFound, .rateLimited, .serverError, .unreachable, .noIdentity, .unexpectedResponse: return .unreachable
        }
    }
}
