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

    /// Nothing was granted. What was typed may be kept as a static credential's may: when the provider
    /// could not be asked and the values stand on their own (client credentials, a refresh token typed
    /// in); not when the sign-in was to grant the refresh token the connector reads.
    /// - Parameter signInPending: the submit ran the sign-in (`Form.pendingSignIn`).
    init(oauth error: OAuthError, signInPending: Bool) {
        message = error.message
        mayBeSavedUnverified = error.isUnreachable && !signInPending
        if !error.isUnreachable {
            hints = error.hints
        } else if !mayBeSavedUnverified {
            hints = [OfflineHint.signInNeedsProvider]
        } else if error.mayMeanOffline {
            hints = [OfflineHint.forms]
        } else {
            hints = [OfflineHint.keepInForms]
        }
        concernedOptions = error.concernedOptions
        exitStatus = error.exitStatus
        result = nil
    }

    init(refused error: ProbeRefusal) {
        message = error.message
        hints = error.hints
        concernedOptions = error.options
        exitStatus = error.exitStatus
        result = nil
        mayBeSavedUnverified = false
    }
}
