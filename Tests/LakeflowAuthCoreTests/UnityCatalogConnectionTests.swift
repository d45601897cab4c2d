import Foundation
import LakeflowAuthCore
import Testing

/// How stored credentials become a Unity Catalog connection, and how the workspace is found.
struct UnityCatalogConnectionTests {
    static func envelope(_ values: [(String, JSONValue)], secret: [String] = [], connector: String = "acme") -> CredentialEnvelope {
        CredentialEnvelope(connector: connector, authMethod: nil, options: values, secretOptions: secret, envVars: nil,
                           savedAt: Date(timeIntervalSince1970: 0), probe: nil)
    }

    @Test func valuesBecomeStringsAsYAMLWouldReadThemAndTheAllowlistHasNoDuplicates() throws {
        let spec = ConnectorSpec(connector: "acme", origin: .declarations,
                                 tableOptions: [TableOption(name: "window_seconds"), TableOption(name: "tableName")])
        let connection = try UnityCatalogConnection(
            name: "c", comment: nil,
            envelope: Self.envelope([("count", .integer(42)), ("ratio", .number(1.5)), ("on", .bool(true)), ("key", .string("s3cr3t-value"))],
                                    secret: ["key"]), spec: spec)
        #expect(connection.options.map(\.0) == ["count", "ratio", "on", "key", "sourceName", "externalOptionsAllowList"])
        #expect(connection.options.map(\.1) == ["42", "1.5", "true", "s3cr3t-value", "acme",
                                                "window_seconds,tableName,tableNameList,tableConfigs,isDeleteFlow"])
        #expect(connection.createBody["comment"] == nil)
        let shown = connection.shown(connection.createBody).serialized()
        #expect(!shown.contains("s3cr3t-value"))
        #expect(shown.contains("\"count\":\"42\"") || shown.contains("\"count\": \"42\""))
    }

    @Test func aPlaceholderTheStoreLacksIsNamed() throws {
        var spec = ConnectorSpec(connector: "ado", origin: .databricks, options: [
            ConnectorOption(name: "client_id", envVar: "ADO_CLIENT_ID"),
            ConnectorOption(name: "client_secret", secret: true, envVar: "ADO_CLIENT_SECRET"),
        ])
        spec.oauth = .object([("flow", .string("m2m")), ("token_url", .string("https://login.example/{tenant_id}/token"))])
        #expect(throws: ConnectionOptionsError.placeholderNotStored(endpoint: "token_endpoint", option: "tenant_id", connector: "ado")) {
            try UnityCatalogConnection(name: "c", comment: nil, envelope: Self.envelope([], connector: "ado"), spec: spec)
        }
    }

    @Test func theCodeFlowHandsOverAFreshConsentAndKeepsTheLocalTokens() throws {
        var spec = ConnectorSpec(connector: "gmail", origin: .databricks, options: [
            ConnectorOption(name: "client_id", envVar: "GMAIL_CLIENT_ID"),
            ConnectorOption(name: "client_secret", secret: true, envVar: "GMAIL_CLIENT_SECRET"),
            ConnectorOption(name: "refresh_token", secret: true, envVar: "GMAIL_REFRESH_TOKEN"),
        ])
        spec.oauth = .object([("authorization_url", .string("https://accounts.example/auth")),
                              ("token_url", .string("https://accounts.example/token"))])
        #expect(spec.oauthConfiguration?.flow == .u2m, "a block with an authorization_url and no flow is u2m")
        let envelope = Self.envelope([("client_id", .string("app")), ("client_secret", .string("app-secret")),
                                      ("refresh_token", .string("refresh-local"))], secret: ["client_secret", "refresh_token"],
                                     connector: "gmail")
        let consent = OAuthConsent(code: "code-123", redirectURI: "http://127.0.0.1:5/oauth/callback", verifier: "verifier-456")
        let pushed = try UnityCatalogConnection(name: "c", comment: nil, envelope: envelope, spec: spec, consent: consent)
        let options = Dictionary(uniqueKeysWithValues: pushed.options.map { ($0.0, $0.1) })
        #expect(options["refresh_token"] == nil, "Unity Catalog mints its own tokens")
        #expect(options["community_oauth_flow"] == "u2m")
        #expect(options["authorization_endpoint"] == "https://accounts.example/auth")
        #expect(options["token_endpoint"] == "https://accounts.example/token")
        #expect(options["authorization_code"] == "code-123" && options["pkce_verifier"] == "verifier-456")
        #expect(options["oauth_redirect_uri"] == "http://127.0.0.1:5/oauth/callback")
        let shown = pushed.shown(pushed.createBody).serialized()
        #expect(!shown.contains("code-123") && !shown.contains("verifier-456") && !shown.contains("app-secret"))
        let dryRun = try UnityCatalogConnection(name: "c", comment: nil, envelope: envelope, spec: spec)
        #expect(Dictionary(uniqueKeysWithValues: dryRun.options.map { ($0.0, $0.1) })["authorization_code"] == "(from the sign-in when sent)")
    }

    @Test(arguments: ["acme_prod", "a", "with-dash", String(repeating: "x", count: 255)])
    func validNames(_ name: String) { #expect(UnityCatalogConnection.isValidName(name)) }

    @Test(arguments: ["", "with space", "slash/name", "dots.name", "ünï", String(repeating: "x", count: 256), "a\u{0}b"])
    func invalidNames(_ name: String) { #expect(!UnityCatalogConnection.isValidName(name)) }

    @Test func theConfigFileIsReadLikeTheDatabricksCLIReadsIt() {
        let file = DatabricksConfigFile(path: "cfg", text: """
            # comment
            [DEFAULT]
            host = https://a.cloud.databricks.com
            token=dapi1
            ; another comment
            [other]
              HOST = https://b.cloud.databricks.com\r
            auth_type = databricks-cli
            """)
        #expect(file.profiles["DEFAULT"] == ["host": "https://a.cloud.databricks.com", "token": "dapi1"])
        #expect(file.profiles["other"] == ["host": "https://b.cloud.databricks.com", "auth_type": "databricks-cli"])
    }

    @Test func environmentVariablesComeBeforeProfilesAndAHostIsHTTPSOrLoopback() throws {
        let workspace = try DatabricksWorkspace.find(environment: ["DATABRICKS_HOST": "adb-1.azuredatabricks.net/", "DATABRICKS_TOKEN": "t"],
                                                     profile: nil)
        #expect(workspace.host.absoluteString == "https://adb-1.azuredatabricks.net")
        #expect(workspace.authentication == .token("t"))
        #expect(throws: DatabricksError.insecureHost(host: "adb-1.azuredatabricks.net", source: "DATABRICKS_HOST")) {
            try DatabricksWorkspace.find(environment: ["DATABRICKS_HOST": "http://adb-1.azuredatabricks.net", "DATABRICKS_TOKEN": "t"],
                                         profile: nil)
        }
        let local = try DatabricksWorkspace.find(environment: ["DATABRICKS_HOST": "http://127.0.0.1:8080", "DATABRICKS_TOKEN": "t"],
                                                 profile: nil)
        #expect(local.host.absoluteString == "http://127.0.0.1:8080")
    }
}
