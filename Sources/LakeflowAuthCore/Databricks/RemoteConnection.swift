/// A Unity Catalog connection as `GET` returns it: its options as strings, secret ones left out,
/// since Databricks never returns their values.
public struct RemoteConnection: Sendable, Equatable {
    public let name: String
    public let options: [String: String]

    public init(name: String, options: [String: String]) {
        self.name = name
        self.options = options
    }
}
