/// A Unity Catalog connection as `GET` returns it: its options as strings, secret ones left out,
/// since Databricks never returns their values.
public struct RemoteConnection: Sendable, Equatable {
    public let name: String
    public let options: [String: String]
    /// The workspace's host, for messages.
    public let host: String

    public init(name: String, options: [String: String], host: String) {
        self.name = name
        self.options = options
        self.host = host
    }
}
