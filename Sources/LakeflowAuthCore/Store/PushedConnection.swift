import FoundationEssentials

/// A Unity Catalog connection made from stored credentials, as the envelope remembers it: where
/// (the workspace's address, never its token), under which name, when it was last pushed, and what
/// the last comparison with the workspace found.
///
///     {"host": "https://adb-1.azuredatabricks.net", "name": "github_prod", "pushed_at": "…",
///      "compared": {"at": "…", "in_sync": false, "differs": ["base_url"]} | absent}
public struct PushedConnection: Sendable, Equatable {
    /// The workspace's origin (`https://adb-1.azuredatabricks.net`), as Databricks was reached.
    public var host: String
    public var name: String
    /// When its options were last sent from these credentials; nil for a connection only compared.
    public var pushedAt: Date?
    public var comparison: ConnectionComparison?

    public init(host: String, name: String, pushedAt: Date?, comparison: ConnectionComparison? = nil) {
        self.host = host
        self.name = name
        self.pushedAt = pushedAt?.wholeSeconds
        self.comparison = comparison
    }

    /// The host alone, as a person names a workspace.
    public var hostName: String { URL(string: host)?.host ?? host }

    /// Whether this record is about the connection `name` of workspace `host`.
    public func isSame(host: String, name: String) -> Bool { self.host == host && self.name == name }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("host", .string(host)), ("name", .string(name)),
            ("pushed_at", pushedAt.map { .string(UTCTimestamp.string($0)) } ?? .null),
        ]
        if let comparison { members.append(("compared", comparison.json)) }
        return .object(members)
    }

    /// Nil when `value` is not a connection record.
    init?(json value: JSONValue) {
        guard let host = value["host"]?.stringValue, let name = value["name"]?.stringValue,
              let pushedAt = Self.optionalDate(value["pushed_at"]) else { return nil }
        var comparison: ConnectionComparison?
        if let compared = value["compared"], compared != .null {
            guard let read = ConnectionComparison(json: compared) else { return nil }
            comparison = read
        }
        self.init(host: host, name: name, pushedAt: pushedAt, comparison: comparison)
    }

    /// `.some(nil)` for an absent or null member, nil for one that is not a time.
    static func optionalDate(_ value: JSONValue?) -> Date?? {
        switch value {
        case nil, .null?: return .some(nil)
        case let .string(text)?: return UTCTimestamp.date(text).map { .some($0) }
        default: return nil
        }
    }
}
