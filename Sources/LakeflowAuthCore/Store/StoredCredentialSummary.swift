/// One line of `list` and `status`: a stored file and what is known of it, never its secrets.
public struct StoredCredentialSummary: Sendable {
    public enum Contents: Sendable {
        case readable(CredentialFacts)
        /// The file is listed anyway, with why it cannot be opened.
        case unreadable(StoreError)
    }

    public let name: StoredCredentialName
    public let path: String
    public let contents: Contents

    public init(name: StoredCredentialName, path: String, contents: Contents) {
        self.name = name
        self.path = path
        self.contents = contents
    }

    public var connector: String { name.connector }
    public var profile: String { name.profile }
}
