import FoundationEssentials

/// Everything a front end needs to draw one moment of a setup, as a value it can keep.
public struct SetupSnapshot: Sendable {
    /// Counts the snapshots a session has published, from 0: a later one has a larger number.
    public let version: Int
    public let form: Form
    public let state: SetupState
    /// When the credentials the form started from were saved; nil for a first setup.
    public let editingSavedAt: Date?
    /// Why the last submit did not reach the check; nil when it did or none was made.
    public let invalid: InvalidForm?
    /// The identity file, which `needsPassphrase` asks to open.
    public let identityPath: String
    /// Whether a submit asks the source (false with `--no-probe`).
    public let checksCredentials: Bool

    /// How a submit is checked.
    public enum CheckKind: Sendable, Equatable {
        /// By asking the source (its declared check, or an OAuth exchange).
        case source
        /// The spec declares no way to ask the source: the credentials are saved unverified.
        case noneDeclared
        /// Not at all (`--no-probe`).
        case skipped
    }

    public var checkKind: CheckKind {
        guard checksCredentials else { return .skipped }
        let spec = form.spec
        let methods = form.authMethod.map { [$0] } ?? spec.authMethods
        let declared = methods.isEmpty ? spec.checksLive(nil) : methods.contains { spec.checksLive($0) }
        return declared ? .source : .noneDeclared
    }

    /// "editing the saved credentials of 2026-11-30T09:12:00Z", for the form's header.
    public var editingNote: String? {
        editingSavedAt.map { "editing the saved credentials of \(UTCTimestamp.string($0))" }
    }

    /// After a wrong passphrase, the one sentence that says so, for every front end; nil on the first attempt.
    public var passphraseRetryNote: String? {
        guard case let .needsPassphrase(attempt) = state, attempt > 1 else { return nil }
        return "that passphrase does not open the identity; try again (attempt \(attempt) of \(SetupSession.passphraseAttempts))"
    }
}
