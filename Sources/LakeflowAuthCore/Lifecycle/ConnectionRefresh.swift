import FoundationEssentials

/// After a rotation: every Unity Catalog connection made from the credentials gets their new options,
/// is read back (`GET`) to confirm that its non-secret options are what was sent, and the push is
/// recorded with the credentials. Each connection's workspace is found by the address it was made in.
public struct ConnectionRefresh: Sendable {
    /// Makes the connection's options from the credentials (a code flow's sign-in runs here).
    public typealias MakeConnection = @Sendable (_ name: String) async throws -> UnityCatalogConnection

    public let store: CredentialStore
    public let environment: [String: String]
    /// `--databricks-profile`: used for every connection, and must be its workspace's.
    public let databricksProfile: String?
    let makeConnection: MakeConnection

    public init(store: CredentialStore, environment: [String: String], databricksProfile: String?,
                makeConnection: @escaping MakeConnection) {
        self.store = store
        self.environment = environment
        self.databricksProfile = databricksProfile
        self.makeConnection = makeConnection
    }

    public struct Outcome: Sendable {
        public let connection: PushedConnection
        /// The comparison of what was read back with what was sent, or why there is none.
        public let result: Result<ConnectionDrift, ConnectionRefreshError>

        public var line: String {
            switch result {
            case let .success(drift):
                return "Updated connection \(TerminalText.sanitized(connection.name)) in \(connection.hostName); read back, "
                    + "its options are as sent" + (drift.notCompared.isEmpty ? "" : " (\(drift.notCompared.joined(separator: ", ")) not compared: "
                        + "Databricks never returns secret values)")
            case let .failure(error):
                return "connection \(TerminalText.sanitized(connection.name)) in \(connection.hostName): " + error.message
            }
        }
    }

    /// Updates each connection of `envelope` in turn; one that fails does not stop the others.
    public func run(_ envelope: CredentialEnvelope) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for connection in envelope.connections {
            outcomes.append(Outcome(connection: connection, result: await refresh(connection, of: envelope)))
        }
        return outcomes
    }

    private func refresh(_ record: PushedConnection, of envelope: CredentialEnvelope) async -> Result<ConnectionDrift, ConnectionRefreshError> {
        do {
            let workspace = try DatabricksWorkspace.find(address: record.host, environment: environment, profile: databricksProfile)
            let client = UnityCatalogClient(workspace: workspace)
            let connection = try await makeConnection(record.name)
            _ = try await client.update(connection)
            let drift = ConnectionDrift(expected: connection, remote: try await client.read(record.name), host: record.host,
                                        connector: envelope.connector, profile: envelope.profile)
            try store.recordPush(host: record.host, name: record.name, comparison: drift.comparison, for: envelope.connector,
                                 profile: envelope.profile)
            guard drift.comparison.inSync else { return .failure(.readBackDiffers(drift.comparison.differs)) }
            return .success(drift)
        } catch {
            return .failure(.failed(error as? UserFacingError ?? InternalError(error)))
        }
    }
}
