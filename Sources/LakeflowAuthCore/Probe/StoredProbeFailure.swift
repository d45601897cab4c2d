/// Stored credentials that no longer pass their probe (`lakeflow-auth probe`); the result is
/// recorded with them, so `list` shows it too.
public struct StoredProbeFailure: UserFacingError {
    public let result: ProbeResult
    public let connector: String

    public init(result: ProbeResult, connector: String) {
        self.result = result
        self.connector = connector
    }

    public var message: String { result.message }
    public var hints: [String] {
        (result.mayBeOffline ? [OfflineHint.storedProbe] : []) + ["run `\(ConnectorName.setupCommand(connector))` to enter new values"]
    }
    public var exitStatus: ExitStatus { result.exitStatus }
}
