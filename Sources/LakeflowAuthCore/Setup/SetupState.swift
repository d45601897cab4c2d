/// Where one setup stands; every front end draws this and nothing else. A question the session must
/// ask on the way is a state, answered by an action: `needsPassphrase` by `unlock(_:)`, `authorizing`
/// by the provider's callback (which the session receives itself) or `answerAuthorization(pasted:)`;
/// `cancel()` answers any of them.
///
/// A stream of these carries every event a script needs: the link (`authorizing`), the check under way
/// (`checking`), its verdict (`checkFailed`, or the check inside `saved`), and the end (`saved`,
/// `cancelled`, `failed`).
public enum SetupState: Sendable {
    /// Values are being filled in; the form holds each field's last check.
    case editing
    /// The identity file is protected by a passphrase, needed before the setup goes on (to read the
    /// stored credentials, or to save); `attempt` counts from 1 to `SetupSession.passphraseAttempts`.
    case needsPassphrase(attempt: Int)
    /// The credentials are being checked against the source, since `started`.
    case checking(started: ContinuousClock.Instant)
    /// The check waits for the person to allow access at the OAuth provider.
    case authorizing(AuthorizationStep)
    /// The check did not pass; the form marks the fields it concerns.
    case checkFailed(CheckFailure)
    case saved(SavedSetup)
    case cancelled(SetupCancelled)
    /// Something nobody at the form can fix stopped the setup: the store cannot be unlocked, read or
    /// written, a value's file cannot be read, the auth method asked for does not exist.
    case failed(any Error)

    /// Whether the setup is over: nothing more can happen in it.
    public var isFinished: Bool {
        switch self {
        case .saved, .cancelled, .failed: return true
        case .editing, .needsPassphrase, .checking, .authorizing, .checkFailed: return false
        }
    }

    /// Whether a check is under way (busy, or waiting at the OAuth provider).
    public var isCheckInFlight: Bool {
        switch self {
        case .checking, .authorizing: return true
        default: return false
        }
    }

    /// Whether the session is busy on its own, with nothing to ask: only a check without a person's part.
    public var isChecking: Bool {
        if case .checking = self { return true }
        return false
    }

    /// Whether the values may be changed: while editing and after a failed check.
    public var isEditable: Bool {
        switch self {
        case .editing, .checkFailed: return true
        default: return false
        }
    }
}
