/// Why a request got no answer.
public enum HTTPFailure: Error, Sendable, Equatable {
    case hostNotFound
    case connectionRefused
    case tls
    case timedOut
    /// The task that sent it was cancelled.
    case cancelled
    /// A header whose name is not a token or whose value holds CR, LF or NUL: refused unsent.
    case invalidHeader(name: String)
    /// No libcurl on this system.
    case noHTTPClient
    /// libcurl refused a setting (an old version without it); names the option.
    case unsupportedSetting(String)
    case other(code: Int32)
}
