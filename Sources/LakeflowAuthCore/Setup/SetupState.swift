/// Where one setup stands; every front end draws this and nothing else.
public enum SetupState: Sendable {
    /// Values are being filled in; the form holds each field's last check.
    case editing
    /// The credentials are being checked against the source, since `started`.
    case checking(started: ContinuousClock.Instant)
    /// The check did not pass; the form marks the fields it concerns.
    case checkFailed(CheckFailure)
    case saved(SavedSetup)
    case cancelled
}
