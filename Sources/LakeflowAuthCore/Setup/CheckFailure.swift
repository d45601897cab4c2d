/// A check that did not pass: what to tell the person, which fields to mark, and what they may do next.
public struct CheckFailure: Sendable, UserFacingError {
    public let message: String
    public let hints: [String]
    public let concernedOptions: [String]
    public let exitStatus: ExitStatus
    /// The source's answer; nil when the request was refused before it was sent.
    public let result: ProbeResult?
    /// The one rule for keeping credentials that did not pass: a person may, after the source was asked
    /// and said no or could not be reached (they may know better: a VPN, an outage); never when the
    /// values themselves break a rule the request depends on (credentials over plain http to another
    /// machine, an address that is no URL), since then nothing was checked and the values are wrong.
    public let mayBeSavedUnverified: Bool

    init(_ result: ProbeResult) {
        message = result.message
        hints = result.mayBeOffline ? [OfflineHint.forms] : []
        concernedOptions = result.concernedOptions
        exitStatus = result.exitStatus
        self.result = result
        mayBeSavedUnverified = true
    }

    /// Nothing was granted, so there is nothing to keep unverified.
    init(oauth error: OAuthError) {
        message = error.message
        hints = error.hints
        concernedOptions = error.concernedOptions
        exitStatus = error.exitStatus
        result = nil
        mayBeSavedUnverified = false
    }

    init(refused error: ProbeURLError) {
        message = error.message
        hints = error.hints
        concernedOptions = error.options
        exitStatus = error.exitStatus
        result = nil
        mayBeSavedUnverified = false
    }
}
