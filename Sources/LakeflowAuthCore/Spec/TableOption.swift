/// A per-table option the connector accepts; the names become `external_options_allowlist`.
public struct TableOption: Sendable, Equatable {
    public var name: String
    public var description: String

    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
}
