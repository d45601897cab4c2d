import Foundation

/// Everything a front end needs to draw one moment of a setup, as a value it can keep.
public struct SetupSnapshot: Sendable {
    public let form: Form
    public let state: SetupState
    /// When the credentials the form started from were saved; nil for a first setup.
    public let editingSavedAt: Date?
    /// Why the last submit did not reach the check; nil when it did or none was made.
    public let invalid: InvalidForm?
    /// While the check waits for the person to authorize at the OAuth provider: the link to follow.
    /// It carries the flow's own state and PKCE challenge, never the client secret.
    public let authorizationURL: URL?

    /// "editing the saved credentials of 2026-11-30T09:12:00Z", for the form's header.
    public var editingNote: String? {
        editingSavedAt.map { "editing the saved credentials of \(UTCTimestamp.string($0))" }
    }
}
