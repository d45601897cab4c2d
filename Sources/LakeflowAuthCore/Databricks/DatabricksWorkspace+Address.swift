import FoundationEssentials

extension DatabricksWorkspace {
    /// The workspace's origin (`https://adb-1.azuredatabricks.net`, a port only when not the
    /// scheme's): how a connection's record names its workspace, and how it is found again.
    public var address: String {
        guard let origin = HTTPOrigin(host) else { return host.absoluteString }
        let defaultPort = origin.scheme == "https" ? 443 : 80
        let name = origin.host.contains(":") ? "[\(origin.host)]" : origin.host
        return "\(origin.scheme)://\(name)" + (origin.port == defaultPort ? "" : ":\(origin.port)")
    }

    /// The credentials for the workspace at `address`, for a connection remembered there: the
    /// `profile` given (which must be that workspace's); else `DATABRICKS_HOST` when it names that
    /// workspace; else the first profile of the configuration file (`DEFAULT` first) whose host does.
    public static func find(address: String, environment: [String: String], profile: String?) throws -> DatabricksWorkspace {
        if let profile {
            let named = try find(environment: environment, profile: profile)
            guard named.address == address else {
                throw DatabricksError.otherWorkspace(address: address, source: named.source, found: named.address)
            }
            return named
        }
        if let configured = try? find(environment: environment, profile: nil), configured.address == address { return configured }
        let (path, shownPath) = configFile(environment)
        let profiles = try DatabricksConfigFile.load(path: path)?.profiles ?? [:]
        let names = (profiles["DEFAULT"] == nil ? [] : ["DEFAULT"]) + profiles.keys.filter { $0 != "DEFAULT" }.sorted()
        for name in names {
            guard let text = profiles[name]?["host"], let url = try? hostURL(text, source: name),
                  DatabricksWorkspace(host: url, authentication: .token(""), source: name).address == address else { continue }
            return try find(environment: environment, profile: name)
        }
        throw DatabricksError.noWorkspaceCredentials(address: address, configFile: shownPath)
    }
}
