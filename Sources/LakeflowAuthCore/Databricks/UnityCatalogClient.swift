import FoundationEssentials

/// Creates and updates Unity Catalog connections through the workspace's REST API.
public struct UnityCatalogClient: Sendable {
    public static let defaultTimeout: Duration = .seconds(30)

    public let workspace: DatabricksWorkspace
    let api: DatabricksAPI

    public init(workspace: DatabricksWorkspace, client: HTTPClient = HTTPClient(), timeout: Duration = defaultTimeout) {
        self.workspace = workspace
        api = DatabricksAPI(host: workspace.host, client: client, timeout: timeout).scrubbing(workspace.secrets,
                                                                                             basicPairs: workspace.basicPairs)
    }

    /// What Databricks says it made or changed.
    public struct Outcome: Sendable, Equatable {
        public let name: String
        public let id: String?
        public let host: String
    }

    public func create(_ connection: UnityCatalogConnection) async throws -> Outcome {
        let token = try await DatabricksToken.obtain(for: workspace, api: api)
        let request = HTTPClient.Request.json(url: api.url("/api/2.1/unity-catalog/connections"), body: connection.createBody,
                                       headers: [("Authorization", "Bearer \(token)")])
        let scrubbing = api.scrubbing([token] + connection.secretValues)
        return outcome(try await scrubbing.send(request, operation: "create connection \(connection.name)"), name: connection.name,
                       scrubber: scrubbing.scrubber)
    }

    public func update(_ connection: UnityCatalogConnection) async throws -> Outcome {
        let token = try await DatabricksToken.obtain(for: workspace, api: api)
        let path = "/api/2.1/unity-catalog/connections/" + PercentEncoding.unreserved(connection.name)
        let request = HTTPClient.Request.json(method: "PATCH", url: api.url(path), body: connection.updateBody,
                                       headers: [("Authorization", "Bearer \(token)")])
        let scrubbing = api.scrubbing([token] + connection.secretValues)
        return outcome(try await scrubbing.send(request, operation: "update connection \(connection.name)"), name: connection.name,
                       scrubber: scrubbing.scrubber)
    }

    /// A connection as the workspace holds it: `GET /api/2.1/unity-catalog/connections/<name>`.
    /// Databricks never returns the values of secret options, so they are not in `options`.
    public func read(_ name: String) async throws -> RemoteConnection {
        let token = try await DatabricksToken.obtain(for: workspace, api: api)
        let path = "/api/2.1/unity-catalog/connections/" + PercentEncoding.unreserved(name)
        let request = HTTPClient.Request(method: "GET", url: api.url(path), headers: [("Authorization", "Bearer \(token)")])
        let answer = try await api.scrubbing([token]).send(request, operation: "read connection \(name)")
        var options: [String: String] = [:]
        if case let .object(members)? = answer["options"] {
            for (option, value) in members { options[option] = value.plainText }
        }
        return RemoteConnection(name: name, options: options)
    }

    /// What Databricks says it made, in its words: they pass the scrubber like its errors.
    private func outcome(_ answer: JSONValue, name: String, scrubber: SecretScrubber) -> Outcome {
        let id = answer["connection_id"]?.stringValue ?? answer["id"]?.stringValue
        return Outcome(name: answer["name"]?.stringValue.map { scrubber.shown($0, limit: 255) } ?? name,
                       id: id.map { scrubber.shown($0, limit: 100) }, host: api.hostName)
    }
}
