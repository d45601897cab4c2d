/// Stored credentials that no longer pass their probe (`lakeflow-auth probe`); the result is
/// recorded with them, so `list` shows it too.
public struct StoredProbeFailure: UserFacingError {
    public let result: ProbeResult
    public let connector: String
    public let profile: String

    public init(result: ProbeResult, connector: String, profile: String = ProfileName.default) {
        self.result = result
        self.connector = connector
        self.profile = profile
    }

    public var message: String { result.message }
    public var hints: [String] {
        (result.mayBeOffline ? [OfflineHint.storedProbe] : [])
            + ["run `\(ConnectorName.setupCommand(connector))\(ProfileName.flag(profile))` to enter new values"
                + (result.exitStatus == .rejected ? ", or `lakeflow-auth rotate \(TerminalText.excerpt(connector))\(ProfileName.flag(profile))` for new secrets" : "")]
    }
    public var exitStatus: ExitStatus { result.exitStatus }
}
