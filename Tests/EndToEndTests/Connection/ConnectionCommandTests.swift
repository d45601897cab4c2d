import AcmeSandbox
import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// `lakeflow-auth connection create|update` against a fake Unity Catalog on 127.0.0.1.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ConnectionCommandTests {
    static let apiKey = "acme-demo-key-0001"

    /// Every Databricks variable blank, so a developer's own settings never reach a test.
    static let noDatabricks = ["DATABRICKS_HOST": "", "DATABRICKS_TOKEN": "", "DATABRICKS_CLIENT_ID": "",
                               "DATABRICKS_CLIENT_SECRET": "", "DATABRICKS_CONFIG_PROFILE": "", "DATABRICKS_CONFIG_FILE": ""]

    /// A run with acme's credentials stored and a fake workspace started; both cleaned up after.
    static func withStoredAcme(existing: Set<String> = [], _ body: (HeadlessRun, FakeDatabricks, URL) async throws -> Void) async throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let saved = try run.run(["acme", "--from-env", "--no-probe"],
                                ["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": apiKey, "ACME_REGION": "eu"])
        try #require(saved.status == 0, "\(saved.stderr)")
        let fake = FakeDatabricks(existing: existing)
        let url = try await fake.start()
        do {
            try await body(run, fake, url)
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    static func tokenEnvironment(_ url: URL, token: String = FakeDatabricks.personalToken) -> [String: String] {
        noDatabricks.merging(["DATABRICKS_HOST": url.absoluteString, "DATABRICKS_TOKEN": token]) { $1 }
    }

    static func options(_ received: FakeDatabricks.Received) -> [String: String] {
        guard case let .object(members)? = received.body?["options"] else { return [:] }
        return Dictionary(uniqueKeysWithValues: members.map { ($0.0, $0.1.stringValue ?? "(not a string)") })
    }

    @Test func createSendsEveryStoredOptionAsAStringWithTheAllowlist() async throws {
        try await Self.withStoredAcme { run, fake, url in
            let result = try run.run(["connection", "create", "acme", "acme_prod", "--comment", "checked on a laptop"],
                                     Self.tokenEnvironment(url))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "Created connection acme_prod (id c0ffee00-0000-4000-8000-000000000001) in 127.0.0.1\n")
            let sent = try #require(fake.requests.first)
            #expect(fake.requests.count == 1)
            #expect(sent.method == "POST" && sent.path == "/api/2.1/unity-catalog/connections")
            #expect(sent.authorization == "Bearer \(FakeDatabricks.personalToken)")
            #expect(sent.body?["name"] == .string("acme_prod"))
            #expect(sent.body?["connection_type"] == .string("COMMUNITY"))
            #expect(sent.body?["comment"] == .string("checked on a laptop"))
            #expect(Self.options(sent) == [
                "api_key": Self.apiKey, "workspace": "demo-workspace", "base_url": "https://api.acme.example", "region": "eu",
                "sourceName": "acme",
                "externalOptionsAllowList": "max_records_per_batch,window_seconds,start_timestamp,tableName,tableNameList,tableConfigs,isDeleteFlow",
            ])
            #expect(!result.stdout.contains(Self.apiKey) && !result.stderr.contains(Self.apiKey))
        }
    }

    @Test func updatePatchesTheOptionsOnly() async throws {
        try await Self.withStoredAcme(existing: ["acme_prod"]) { run, fake, url in
            let result = try run.run(["connection", "update", "acme", "acme_prod"], Self.tokenEnvironment(url))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("Updated connection acme_prod"))
            let sent = try #require(fake.requests.first)
            #expect(sent.method == "PATCH" && sent.path == "/api/2.1/unity-catalog/connections/acme_prod")
            #expect(sent.body?["connection_type"] == nil && sent.body?["name"] == nil)
            #expect(Self.options(sent)["api_key"] == Self.apiKey)
        }
    }

    @Test func anExistingConnectionIsRefusedWithTheHintToUpdate() async throws {
        try await Self.withStoredAcme(existing: ["acme_prod"]) { run, _, url in
            let result = try run.run(["connection", "create", "acme", "acme_prod"], Self.tokenEnvironment(url))
            #expect(result.status == 2)
            #expect(result.stderr.contains("lakeflow-auth: error: Databricks refused to create connection acme_prod (RESOURCE_ALREADY_EXISTS: Connection 'acme_prod' already exists)"))
            #expect(result.stderr.contains("lakeflow-auth: hint: to change its options, run `lakeflow-auth connection update` instead"))
        }
    }

    @Test func updatingAConnectionThatDoesNotExistSaysToCreateIt() async throws {
        try await Self.withStoredAcme { run, _, url in
            let result = try run.run(["connection", "update", "acme", "nope"], Self.tokenEnvironment(url))
            #expect(result.status == 2)
            #expect(result.stderr.contains("RESOURCE_DOES_NOT_EXIST"))
            #expect(result.stderr.contains("connection create"))
        }
    }

    @Test func permissionDeniedAndABadTokenAreRejections() async throws {
        try await Self.withStoredAcme { run, _, url in
            let denied = try run.run(["connection", "create", "acme", "acme_prod"],
                                     Self.tokenEnvironment(url, token: FakeDatabricks.readOnlyToken))
            #expect(denied.status == 3)
            #expect(denied.stderr.contains("PERMISSION_DENIED"))
            #expect(denied.stderr.contains("CREATE CONNECTION privilege on the metastore"))
            let unknown = try run.run(["connection", "create", "acme", "acme_prod"], Self.tokenEnvironment(url, token: "dapi-wrong"))
            #expect(unknown.status == 3)
            #expect(!unknown.stderr.contains("dapi-wrong"))
        }
    }

    @Test func aServicePrincipalGetsItsTokenFromTheWorkspace() async throws {
        try await Self.withStoredAcme { run, fake, url in
            let result = try run.run(["connection", "create", "acme", "acme_prod"], Self.noDatabricks.merging([
                "DATABRICKS_HOST": url.absoluteString, "DATABRICKS_CLIENT_ID": FakeDatabricks.clientID,
                "DATABRICKS_CLIENT_SECRET": FakeDatabricks.clientSecret,
            ]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(fake.requests.map(\.path) == ["/oidc/v1/token", "/api/2.1/unity-catalog/connections"])
            #expect(fake.requests.last?.authorization == "Bearer \(FakeDatabricks.servicePrincipalToken)")
            let wrong = try run.run(["connection", "create", "acme", "other"], Self.noDatabricks.merging([
                "DATABRICKS_HOST": url.absoluteString, "DATABRICKS_CLIENT_ID": FakeDatabricks.clientID,
                "DATABRICKS_CLIENT_SECRET": "not-it",
            ]) { $1 })
            #expect(wrong.status == 3)
            #expect(wrong.stderr.contains("invalid_client"))
        }
    }

    @Test func profilesComeFromTheConfigFileByNameOrDefault() async throws {
        try await Self.withStoredAcme { run, fake, url in
            let config = run.home + "-databrickscfg"
            defer { try? FileManager.default.removeItem(atPath: config) }
            try """
                ; the Databricks CLI writes this file
                [DEFAULT]
                host = \(url.absoluteString)
                token = \(FakeDatabricks.personalToken)

                [robot]
                host  =  \(url.absoluteString)/
                client_id = \(FakeDatabricks.clientID)
                client_secret = \(FakeDatabricks.clientSecret)
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let environment = Self.noDatabricks.merging(["DATABRICKS_CONFIG_FILE": config]) { $1 }
            let byDefault = try run.run(["connection", "create", "acme", "one"], environment)
            #expect(byDefault.status == 0, "\(byDefault.stderr)")
            #expect(fake.requests.last?.authorization == "Bearer \(FakeDatabricks.personalToken)")
            let named = try run.run(["connection", "create", "acme", "two", "--databricks-profile", "robot"], environment)
            #expect(named.status == 0, "\(named.stderr)")
            #expect(fake.requests.last?.authorization == "Bearer \(FakeDatabricks.servicePrincipalToken)")
            let fromEnv = try run.run(["connection", "create", "acme", "three"],
                                      environment.merging(["DATABRICKS_CONFIG_PROFILE": "robot"]) { $1 })
            #expect(fromEnv.status == 0, "\(fromEnv.stderr)")
            let missing = try run.run(["connection", "create", "acme", "four", "--databricks-profile", "staging"], environment)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("lakeflow-auth: error: no Databricks credentials found"))
            #expect(missing.stderr.contains("has no profile staging (it has DEFAULT, robot)"))
        }
    }

    @Test func theDatabricksCLIHandsOutTheTokenOfItsProfile() async throws {
        try await Self.withStoredAcme { run, fake, url in
            let folder = run.home + "-bin"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let cli = folder + "/databricks"
            try """
                #!/bin/sh
                [ "$1 $2 $3 $4" = "auth token --profile cli" ] || exit 3
                echo '{"access_token": "\(FakeDatabricks.personalToken)", "token_type": "Bearer"}'
                """.write(toFile: cli, atomically: true, encoding: .utf8)
            chmod(cli, 0o755)
            let config = folder + "/databrickscfg"
            try "[cli]\nhost = \(url.absoluteString)\nauth_type = databricks-cli\n".write(toFile: config, atomically: true, encoding: .utf8)
            let result = try run.run(["connection", "create", "acme", "via_cli", "--databricks-profile", "cli"], Self.noDatabricks.merging([
                "DATABRICKS_CONFIG_FILE": config, "PATH": folder + ":/usr/bin:/bin",
            ]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(fake.requests.last?.authorization == "Bearer \(FakeDatabricks.personalToken)")
        }
    }

    @Test func noCredentialsAnywhereSaysWhereItLooked() async throws {
        try await Self.withStoredAcme { run, fake, _ in
            let result = try run.run(["connection", "create", "acme", "acme_prod"], Self.noDatabricks.merging([
                "HOME": run.home, "DATABRICKS_CONFIG_FILE": "",
            ]) { $1 })
            #expect(result.status == 2)
            #expect(result.stderr.contains("lakeflow-auth: hint: DATABRICKS_HOST is not set"))
            #expect(result.stderr.contains("lakeflow-auth: hint: there is no ~/.databrickscfg"))
            #expect(fake.requests.isEmpty)
        }
    }

    @Test func dryRunPrintsTheRequestMaskedAndSendsNothing() async throws {
        try await Self.withStoredAcme { run, fake, url in
            let result = try run.run(["connection", "create", "acme", "acme_prod", "--dry-run"], Self.tokenEnvironment(url))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("POST /api/2.1/unity-catalog/connections\n"))
            #expect(result.stdout.contains("\"connection_type\": \"COMMUNITY\""))
            #expect(result.stdout.contains("\"api_key\": \"••••"))
            #expect(result.stdout.contains("\"workspace\": \"demo-workspace\""))
            #expect(!result.stdout.contains(Self.apiKey))
            #expect(fake.requests.isEmpty)
            let update = try run.run(["connection", "update", "acme", "acme_prod", "--dry-run"], Self.noDatabricks)
            #expect(update.status == 0, "a dry run needs no Databricks credentials: \(update.stderr)")
            #expect(update.stdout.hasPrefix("PATCH /api/2.1/unity-catalog/connections/acme_prod\n"))
        }
    }

    @Test func aWorkspaceThatIsNotThereOrNotDatabricksIsUnreachable() async throws {
        try await Self.withStoredAcme { run, _, url in
            let closed = try run.run(["connection", "create", "acme", "acme_prod"],
                                     Self.tokenEnvironment(URL(string: "http://127.0.0.1:9")!))
            #expect(closed.status == 4)
            #expect(closed.stderr.contains("cannot reach Databricks at 127.0.0.1"))
            let wrongPath = url.appendingPathComponent("not-databricks")
            let notDatabricks = try run.run(["connection", "create", "acme", "acme_prod"], Self.tokenEnvironment(wrongPath))
            #expect(notDatabricks.status == 4 || notDatabricks.status == 2)
            let insecure = try run.run(["connection", "create", "acme", "acme_prod"],
                                       Self.tokenEnvironment(URL(string: "http://databricks.example")!))
            #expect(insecure.status == 2)
            #expect(insecure.stderr.contains("is not https"))
        }
    }

    @Test func nothingStoredSaysHowToSetItUp() async throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let result = try run.run(["connection", "create", "acme", "acme_prod"], Self.noDatabricks)
        #expect(result.status == 5)
        #expect(result.stderr.contains("no stored credentials for \"acme\""))
        #expect(result.stderr.contains("run `lakeflow-auth acme` to set it up"))
    }

    static let azureDevOps = SharedCorpus.connectorSpecs.spec("azure_devops")

    @Test(SharedCorpus.connectorSpecs.required)
    func anM2MConnectorGetsItsFlowAndItsTenantsTokenEndpoint() async throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let spec = try SpecLoader.load(path: Self.azureDevOps, connector: "azure_devops")
        let method = spec.authMethods.first { method in method.options.contains { $0.name == "tenant_id" } }
        var environment = ["AZURE_DEVOPS_AUTH_METHOD": method?.name ?? ""]
        for option in spec.formOptions(for: method) where option.required {
            environment[option.envVar] = option.name == "tenant_id" ? "contoso-tenant" : "value-of-\(option.name)"
        }
        let saved = try run.run(["azure_devops", "--spec", Self.azureDevOps, "--from-env", "--no-probe"], environment)
        try #require(saved.status == 0, "\(saved.stderr)")
        let fake = FakeDatabricks()
        let url = try await fake.start()
        defer { Task { await fake.stop() } }
        let result = try run.run(["connection", "create", "azure_devops", "ado", "--spec", Self.azureDevOps], Self.tokenEnvironment(url))
        #expect(result.status == 0, "\(result.stderr)")
        let options = Self.options(try #require(fake.requests.first))
        #expect(options["community_oauth_flow"] == "m2m")
        #expect(options["token_endpoint"] == "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token")
        #expect(options["oauth_scope"] == "499b84ac-1321-427f-aa17-267ca6975798/.default")
        #expect(options["sourceName"] == "azure_devops")
        #expect(options["externalOptionsAllowList"]?.hasPrefix("project,repository_id,pullrequest_id,status_filter,filter,ids,tableName") == true)
        #expect(options["flow"] == nil && options["pkce"] == nil)
    }
}

/// A code-flow connector's connection: the person signs in when it is made, and Unity Catalog gets the
/// fresh code to redeem, never the tokens granted on the laptop.
@Suite(.timeLimit(.minutes(2)))
struct CodeFlowConnectionTests {
    @Test func theSignInRunsAtPushTimeAndItsCodeGoesToUnityCatalog() async throws {
        let provider = FakeOAuthProvider(.init())
        let providerURL = try await provider.start()
        defer { Task { await provider.stop() } }
        let run = HeadlessOAuthProcess("oauth_demo")
        defer { run.removeHome() }
        let refresh = provider.issueRefreshToken()
        let saved = try run.run(["oauth_demo", "--from-env"], HeadlessOAuthTests.codeFlowEnvironment(providerURL)
            .merging(["OAUTH_DEMO_REFRESH_TOKEN": refresh]) { $1 })
        try #require(saved.status == 0, "\(saved.stderr)")
        let databricks = FakeDatabricks()
        let workspace = try await databricks.start()
        defer { Task { await databricks.stop() } }

        let link = try run.startAndReadLink(ConnectionCommandTests.tokenEnvironment(workspace),
                                            command: ["connection", "create", "oauth_demo", "mail"])
        #expect(link.hasPrefix(providerURL.absoluteString + "/authorize?"), "\(link)")
        #expect(await FakeOAuthProvider.browse(try #require(URL(string: link)))?.status == 200)
        let end = run.finish()
        #expect(end.status == 0, "\(end.stderr)")
        #expect(end.stdout.contains("Created connection mail"))
        let options = ConnectionCommandTests.options(try #require(databricks.requests.first))
        #expect(options["community_oauth_flow"] == "u2m")
        #expect(options["authorization_code"]?.hasPrefix("code-") == true)
        #expect(options["oauth_redirect_uri"]?.hasPrefix("http://127.0.0.1:") == true)
        #expect(options["pkce_verifier"]?.isEmpty == false)
        #expect(options["refresh_token"] == nil, "Unity Catalog mints its own tokens")
        #expect(options["token_endpoint"] == providerURL.absoluteString + "/token")
        #expect(!(end.stdout + end.stderr).contains(options["authorization_code"] ?? "-"))
    }

    /// An OAuth app registered for one fixed redirect: the connection's sign-in comes back there, and
    /// Unity Catalog redeems the code with that address.
    @Test func theSignInComesBackToTheRegisteredRedirect() async throws {
        let port = try #require(try RefusingPort().url.port)
        let registered = "http://localhost:\(port)/oauth/callback"
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.registeredRedirectURI = registered
        let provider = FakeOAuthProvider(behaviour)
        let providerURL = try await provider.start()
        defer { Task { await provider.stop() } }
        let run = HeadlessOAuthProcess("oauth_demo")
        defer { run.removeHome() }
        let saved = try run.run(["oauth_demo", "--from-env"], HeadlessOAuthTests.codeFlowEnvironment(providerURL)
            .merging(["OAUTH_DEMO_REFRESH_TOKEN": provider.issueRefreshToken()]) { $1 })
        try #require(saved.status == 0, "\(saved.stderr)")
        let databricks = FakeDatabricks()
        let workspace = try await databricks.start()
        defer { Task { await databricks.stop() } }

        let link = try run.startAndReadLink(ConnectionCommandTests.tokenEnvironment(workspace),
                                            extra: ["--redirect-uri", registered], command: ["connection", "create", "oauth_demo", "mail"])
        #expect(HeadlessOAuthWaysBackTests.redirectURI(inLink: link) == registered)
        #expect(await FakeOAuthProvider.browse(try #require(URL(string: link)))?.status == 200)
        let end = run.finish()
        #expect(end.status == 0, "\(end.stderr)")
        #expect(ConnectionCommandTests.options(try #require(databricks.requests.first))["oauth_redirect_uri"] == registered)
    }
}
