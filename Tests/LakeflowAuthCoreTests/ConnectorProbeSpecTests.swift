import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LakeflowAuthCore
import SharedCorpus
import Testing

/// The real connectors shipped with probes: their generated specs against the shared originals,
/// and the exact request each probe would send.
struct ConnectorProbeSpecTests {
    static let connectors = ["github", "zendesk", "hubspot", "collibra"]

    /// What must agree with the shared file: everything but wording.
    struct Shape: Equatable, CustomStringConvertible {
        var options: [String]
        var methods: [String: [String]]
        var allowlist: [String]
        var oauth: JSONValue?

        init(_ spec: ConnectorSpec) {
            func describe(_ option: ConnectorOption) -> String {
                "\(option.name):\(option.type.databricksType.rawValue)\(option.required ? ",required" : "")\(option.secret ? ",secret" : "")"
            }
            options = spec.options.map(describe)
            methods = Dictionary(uniqueKeysWithValues: spec.authMethods.map { ($0.name, $0.options.map(describe)) })
            allowlist = spec.tableOptions.map(\.name)
            oauth = spec.oauth
        }

        var description: String { "options \(options), methods \(methods), allowlist \(allowlist)" }
    }

    @Test(arguments: connectors)
    func committedSpecIsTheRenderedDeclarations(connector: String) throws {
        let directory = PackagePaths.root.appendingPathComponent("specs/\(connector)").path
        let rendered = SpecRenderer.render(try ProbeFixtures.spec(connector))
        let committed = try String(contentsOfFile: "\(directory)/connector_spec.yaml", encoding: .utf8)
        #expect(rendered == committed, "run `swift run lakeflow-auth spec \(connector)`")
    }

    @Test(SharedCorpus.connectorSpecs.required, arguments: connectors)
    func generatedSpecHasTheSharedShape(connector: String) throws {
        let ours = try SpecLoader.load(path: PackagePaths.root.appendingPathComponent("specs/\(connector)/connector_spec.yaml").path, connector: connector)
        let shared = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(connector), connector: connector)
        #expect(Shape(ours) == Shape(shared))
        #expect(ours.authMethods.map(\.name) == shared.authMethods.map(\.name))
        #expect(ours.displayName == shared.displayName)
    }

    static func request(_ connector: String, method: String? = nil, _ values: [String: String]) throws -> ProbeRequest {
        let spec = try ProbeFixtures.spec(connector)
        let credentials = try ProbeFixtures.credentials(spec, method: method, values)
        let authMethod = method.flatMap(spec.authMethod(named:))
        let probe = try #require(spec.probe(for: authMethod))
        return try ProbeRequest(credentials: credentials, probe: probe, options: spec.formOptions(for: authMethod))
    }

    @Test func githubAsksForTheAuthenticatedUser() throws {
        let request = try Self.request("github", ["token": "ghp_example"])
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "https://api.github.com/user")
        #expect(request.header("Authorization") == "Bearer ghp_example")
        #expect(request.header("Accept") == "application/json")

        let enterprise = try Self.request("github", ["token": "t", "base_url": "https://ghe.example.com/api/v3/"])
        #expect(enterprise.url.absoluteString == "https://ghe.example.com/api/v3/user")
        #expect(try ProbeFixtures.spec("github").probe?.identityPointer == "/login")
    }

    @Test func zendeskAsksForMeWithAnAPITokenLogin() throws {
        let request = try Self.request("zendesk", ["subdomain": "mycompany", "email": "ann@example.com", "api_token": "zd-token"])
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "https://mycompany.zendesk.com/api/v2/users/me.json")
        let login = Data("ann@example.com/token:zd-token".utf8).base64EncodedString()
        #expect(request.header("Authorization") == "Basic \(login)")
        #expect(try ProbeFixtures.spec("zendesk").probe?.identityPointer == "/user/email")
    }

    @Test func hubspotAsksForTheAccountDetails() throws {
        let request = try Self.request("hubspot", ["access_token": "pat-na1-example"])
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "https://api.hubapi.com/account-info/v3/details")
        #expect(request.header("Authorization") == "Bearer pat-na1-example")
        #expect(try ProbeFixtures.spec("hubspot").probe?.identityPointer == "/portalId")
    }

    @Test func collibraTokenAsksForTheCurrentUser() throws {
        let request = try Self.request("collibra", method: "token", ["org": "databricks", "token": "c-token"])
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "https://databricks.collibra.com/rest/2.0/users/current")
        #expect(request.header("Authorization") == "Bearer c-token")
        let spec = try ProbeFixtures.spec("collibra")
        #expect(spec.authMethod(named: "token")?.probe?.identityPointer == "/userName")
        #expect(spec.authMethod(named: "service_principal")?.probe == nil)
    }
}
