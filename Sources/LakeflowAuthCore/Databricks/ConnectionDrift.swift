import FoundationEssentials

/// How a connection in the workspace differs from the one the stored credentials make: its options
/// compared by name and value, only names reported. Secret options cannot be compared, since
/// Databricks never returns their values; nor can what a code flow's sign-in fills when the
/// connection is made (a code, its redirect and verifier), which is new each time.
public struct ConnectionDrift: Sendable, Equatable {
    public let connector: String
    public let profile: String
    public let name: String
    /// The workspace's address (`DatabricksWorkspace.address`).
    public let host: String
    public let comparison: ConnectionComparison
    /// Options made here whose values cannot be read back.
    public let notCompared: [String]

    static let signInOptions: Set<String> = ["authorization_code", "oauth_redirect_uri", "pkce_verifier"]

    /// `expected` is made from the stored credentials; `remote` is what the workspace returned.
    public init(expected: UnityCatalogConnection, remote: RemoteConnection, host: String, connector: String, profile: String,
                at date: Date = Date()) {
        let hidden = expected.secretOptions.union(Self.signInOptions)
        var differs: [String] = []
        for (option, value) in expected.options where !hidden.contains(option) && remote.options[option] != value {
            differs.append(option)
        }
        let made = Set(expected.options.map(\.0))
        differs += remote.options.keys.filter { !made.contains($0) && !hidden.contains($0) }.sorted()
        self.connector = connector
        self.profile = profile
        name = expected.name
        self.host = host
        comparison = ConnectionComparison(at: date, differs: differs)
        notCompared = expected.options.map(\.0).filter(hidden.contains)
    }

    /// Why some options are not compared, in one sentence; nil when all were.
    public var note: String? {
        notCompared.isEmpty ? nil
            : "Databricks never returns the values of secret options, so \(notCompared.joined(separator: ", ")) "
                + (notCompared.count == 1 ? "is" : "are") + " not compared"
    }

    /// `connection status --json`.
    public var json: JSONValue {
        .object([
            ("connector", .string(connector)), ("profile", .string(profile)), ("connection", .string(name)),
            ("host", .string(host)), ("in_sync", .bool(comparison.inSync)),
            ("differs", .array(comparison.differs.map(JSONValue.string))),
            ("not_compared", .array(notCompared.map(JSONValue.string))),
            ("note", note.map(JSONValue.string) ?? .null),
            ("compared_at", .string(UTCTimestamp.string(comparison.at))),
        ])
    }

    /// The plain lines of `connection status`.
    public var lines: [String] {
        let workspace = URL(string: host)?.host ?? host
        var lines = [comparison.inSync
            ? "\(name) in \(workspace): in sync with the stored credentials of \(connector)\(ProfileName.phrase(profile))"
            : "\(name) in \(workspace): differs from the stored credentials of \(connector)\(ProfileName.phrase(profile)) in "
                + comparison.differs.map(TerminalText.sanitized).joined(separator: ", ")]
        if let note { lines.append(note) }
        return lines
    }
}
