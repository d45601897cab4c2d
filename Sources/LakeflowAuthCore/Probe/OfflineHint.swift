import FoundationEssentials

/// What to add when a check found no way to the source's machine (no name lookup, no connection, no
/// answer): this machine may be offline, and how to save the credentials all the same, in the words
/// of the way each front end offers. One text each, so every form says it alike.
public enum OfflineHint {
    static let lead = "this machine may be offline: check its network"

    /// The forms offer "save unverified" once a check has failed.
    static let keepInForms = "choose \"save unverified\" to keep the credentials without the check"
    public static let forms = lead + ", or " + keepInForms
    /// `--from-env` saves nothing after a failed check; `--no-probe` saves without one.
    public static let headless = lead + ", or run again with --no-probe to save the credentials without the check"
    /// A sign-in whose provider could not be reached granted nothing, so nothing can be kept yet.
    public static let signInNeedsProvider = "the sign-in grants the refresh token the connector reads, so nothing can be kept "
        + "until the provider answers: try again once it can be reached, or type a refresh token you already have"
    /// `probe`: the credentials are stored already.
    public static let storedProbe = lead + " and run the probe again"
}

extension ProbeResult {
    /// The source's machine could not be reached at all. Never said of a loopback address, which
    /// needs no network.
    public var mayBeOffline: Bool {
        guard !askedLoopback, case let .unreachable(failure) = outcome else { return false }
        switch failure {
        case .hostNotFound, .connectionRefused, .timedOut: return true
        case .tls, .noHTTPClient, .other: return false
        }
    }
}

extension OAuthError {
    /// The token endpoint's machine could not be reached at all (no name lookup, no connection, no
    /// answer); never said of a loopback address, which needs no network.
    var mayMeanOffline: Bool {
        guard case let .tokenEndpointUnreachable(host, failure) = self,
              URL(string: "http://" + host).flatMap(HTTPOrigin.init)?.isLoopback == false else { return false }
        switch failure {
        case .hostNotFound, .connectionRefused, .timedOut: return true
        default: return false
        }
    }
}
