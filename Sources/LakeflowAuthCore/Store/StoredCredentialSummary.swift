/// One line of `list`: a stored file and what opening it gave, never its secrets.
public struct StoredCredentialSummary: Sendable {
    public enum Contents: Sendable {
        case readable(CredentialEnvelope)
        /// The file is listed anyway, with why it cannot be opened.
        case unreadable(StoreError)
    }

    public let connector: String
    public let path: String
    public let contents: Contents
}
