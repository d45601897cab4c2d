/// A credential file's connector and profile, as its name gives them.
public struct StoredCredentialName: Sendable, Hashable, Comparable {
    public let connector: String
    public let profile: String

    public init(connector: String, profile: String) {
        self.connector = connector
        self.profile = profile
    }

    init?(fileName: String) {
        guard fileName.hasSuffix(".age") else { return nil }
        let stem = fileName.dropLast(4)
        let parts = stem.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let connector = String(parts[0])
        let profile = parts.count == 2 ? String(parts[1]) : ProfileName.default
        guard ConnectorName.isValid(connector), ProfileName.isValid(profile),
              parts.count == 1 || profile != ProfileName.default else { return nil }
        self.init(connector: connector, profile: profile)
    }

    /// The default profile first, so a connector's oldest file leads its group.
    public static func < (lhs: StoredCredentialName, rhs: StoredCredentialName) -> Bool {
        if lhs.connector != rhs.connector { return lhs.connector < rhs.connector }
        if (lhs.profile == ProfileName.default) != (rhs.profile == ProfileName.default) { return lhs.profile == ProfileName.default }
        return lhs.profile < rhs.profile
    }
}
