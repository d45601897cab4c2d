/// What to add when a check found no way to the source's machine (no name lookup, no connection, no
/// answer): this machine may be offline, and how to save the credentials all the same, in the words
/// of the way each front end offers. One text each, so every form says it alike.
public enum OfflineHint {
    static let lead = "this machine may be offline: check its network"

    /// The forms offer "save unverified" once a check has failed.
    public static let forms = lead + ", or choose \"save unverified\" to keep the credentials without the check"
    /// `--from-env` saves nothing after a failed check; `--no-probe` saves without one.
    public static let headless = lead + ", or run again with --no-probe to save the credentials without the check"
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
