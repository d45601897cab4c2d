/// Why a request got no answer.
public enum HTTPFailure: Error, Sendable, Equatable {
    case hostNotFound
    case connectionRefused
    case tls
    case timedOut
    /// The task that sent it was cancelled.
    case cancelled
    /// No libcurl on this system.
    case noHTTPClient
    /// libcurl refused a setting (an old version without it); names the option.
    case unsupportedSetting(String)
    case other(code: Int32)
}
