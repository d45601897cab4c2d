import FoundationEssentials
import Glibc

/// A Databricks workspace and how to authenticate to it, found the way Databricks' unified client
/// authentication finds them, so a machine set up for the Databricks CLI or SDKs works as it is.
public struct DatabricksWorkspace: Sendable, Equatable {
    public enum Authentication: Sendable, Equatable {
        /// A personal access token.
        case token(String)
        /// A service principal: an OAuth token from `<host>/oidc/v1/token` by client credentials.
        case servicePrincipal(clientID: String, clientSecret: String)
        /// `auth_type = databricks-cli`: the Databricks CLI hands out a token for its profile.
        case databricksCLI(profile: String)
    }

    /// `https://adb-123.azuredatabricks.net`, without a trailing slash.
    public let host: URL
    public let authentication: Authentication
    /// Where these were found, for messages: "DATABRICKS_HOST and DATABRICKS_TOKEN", "profile DEFAULT of ~/.databrickscfg".
    public let source: String

    public init(host: URL, authentication: Authentication, source: String) {
        self.host = host
        self.authentication = authentication
        self.source = source
    }

    /// In the SDKs' order: `DATABRICKS_HOST` with `DATABRICKS_TOKEN`, or with `DATABRICKS_CLIENT_ID`
    /// and `DATABRICKS_CLIENT_SECRET`; else the profile named by `profile`, `DATABRICKS_CONFIG_PROFILE`
    /// or `DEFAULT`, of `DATABRICKS_CONFIG_FILE` or `~/.databrickscfg`.
    public static func find(environment: [String: String], profile requested: String?) throws -> DatabricksWorkspace {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var looked: [String] = []
        if requested == nil, let host = env("DATABRICKS_HOST") {
            if let token = env("DATABRICKS_TOKEN") {
                return DatabricksWorkspace(host: try hostURL(host, source: "DATABRICKS_HOST"), authentication: .token(token),
                                           source: "DATABRICKS_HOST and DATABRICKS_TOKEN")
            }
            if let id = env("DATABRICKS_CLIENT_ID"), let secret = env("DATABRICKS_CLIENT_SECRET") {
                return DatabricksWorkspace(host: try hostURL(host, source: "DATABRICKS_HOST"),
                                           authentication: .servicePrincipal(clientID: id, clientSecret: secret),
                                           source: "DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET")
            }
            looked.append("DATABRICKS_HOST is set, but neither DATABRICKS_TOKEN nor DATABRICKS_CLIENT_ID with DATABRICKS_CLIENT_SECRET")
        } else if requested == nil {
            looked.append("DATABRICKS_HOST is not set")
        }
        // Paths and profile names come from the environment, the command line and the file: messages
        // quote them sanitized.
        let (path, shownPath) = configFile(environment)
        let profile = requested ?? env("DATABRICKS_CONFIG_PROFILE") ?? "DEFAULT"
        let shownProfile = TerminalText.excerpt(profile)
        guard let file = try DatabricksConfigFile.load(path: path) else {
            throw DatabricksError.noCredentials(looked: looked + ["there is no \(shownPath)"])
        }
        guard let values = file.profiles[profile] else {
            let known = file.profiles.keys.sorted().map { TerminalText.excerpt($0) }
            throw DatabricksError.noCredentials(looked: looked + [
                "\(shownPath) has no profile \(shownProfile)" + (known.isEmpty ? "" : " (it has \(known.joined(separator: ", ")))"),
            ])
        }
        let source = "profile \(shownProfile) of \(shownPath)"
        guard let host = values["host"], !host.isEmpty else {
            throw DatabricksError.noCredentials(looked: looked + ["\(source) has no host"])
        }
        let url = try hostURL(host, source: source)
        if values["auth_type"] == "databricks-cli" {
            return DatabricksWorkspace(host: url, authentication: .databricksCLI(profile: profile), source: source)
        }
        if let token = values["token"], !token.isEmpty {
            return DatabricksWorkspace(host: url, authentication: .token(token), source: source)
        }
        if let id = values["client_id"], let secret = values["client_secret"], !id.isEmpty, !secret.isEmpty {
            return DatabricksWorkspace(host: url, authentication: .servicePrincipal(clientID: id, clientSecret: secret), source: source)
        }
        throw DatabricksError.noCredentials(looked: looked + ["\(source) has neither a token nor client_id and client_secret"])
    }

    /// `DATABRICKS_CONFIG_FILE`, else `~/.databrickscfg`; and the same as a person would write it, sanitized.
    static func configFile(_ environment: [String: String]) -> (path: String, shown: String) {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = env("HOME") ?? HomeFolder.path
        let path = env("DATABRICKS_CONFIG_FILE") ?? home + "/.databrickscfg"
        return (path, TerminalText.excerpt(path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path, limit: 200))
    }

    /// What authenticating to the workspace may send that is secret.
    var secrets: [String] {
        switch authentication {
        case let .token(token): return [token]
        case let .servicePrincipal(_, clientSecret): return [clientSecret]
        case .databricksCLI: return []
        }
    }

    /// A service principal's `id:secret`, as its token request sends it in HTTP Basic (and with both
    /// halves percent-encoded, as OAuth clients send it: a server may echo either).
    var basicPairs: [String] {
        guard case let .servicePrincipal(clientID, clientSecret) = authentication else { return [] }
        return [clientID + ":" + clientSecret, PercentEncoding.unreserved(clientID) + ":" + PercentEncoding.unreserved(clientSecret)]
    }

    /// HTTPS only, but for this machine (tests and local fakes): credentials never cross a network in clear.
    static func hostURL(_ text: String, source: String) throws -> URL {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        let withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed
        guard let url = URL(string: withScheme), let origin = HTTPOrigin(url) else {
            throw DatabricksError.badHost(source: source)
        }
        guard origin.allowsCredentials else { throw DatabricksError.insecureHost(host: origin.host, source: source) }
        return url
    }
}
