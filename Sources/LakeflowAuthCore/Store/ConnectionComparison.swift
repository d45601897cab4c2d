import FoundationEssentials

/// What comparing a connection's options in the workspace with those made from the stored
/// credentials found. Only names are kept, never values; secret options are never compared, since
/// Databricks never returns their values.
public struct ConnectionComparison: Sendable, Equatable {
    public var at: Date
    public var inSync: Bool { differs.isEmpty }
    /// The options whose values differ, are missing in the workspace, or are there and not made here.
    public var differs: [String]

    public init(at: Date, differs: [String]) {
        self.at = at.wholeSeconds
        self.differs = differs
    }

    var json: JSONValue {
        .object([("at", .string(UTCTimestamp.string(at))), ("in_sync", .bool(inSync)),
                 ("differs", .array(differs.map(JSONValue.string)))])
    }

    init?(json value: JSONValue) {
        guard let text = value["at"]?.stringValue, let at = UTCTimestamp.date(text),
              case let .array(items)? = value["differs"] else { return nil }
        let names = items.compactMap(\.stringValue)
        guard names.count == items.count else { return nil }
        self.init(at: at, differs: names)
    }
}
