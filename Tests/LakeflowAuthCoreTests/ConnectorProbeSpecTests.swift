import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// The real connectors shipped with the tool: their generated specs against the shared originals, and
/// where their checks come from.
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

    /// Their checks are the built-in layer's (`specs/checks/<name>.yaml`, pinned by its fixtures), so
    /// that one standard serves the built-in specs and upstream's alike.
    @Test(arguments: connectors)
    func theChecksComeFromTheLayerNotFromAProbe(connector: String) throws {
        let spec = try ResolvedSpec.builtIn(connector).load()
        let methods: [AuthMethod?] = spec.authMethods.isEmpty ? [nil] : spec.authMethods
        for method in methods {
            #expect(spec.probe(for: method) == nil, "\(connector) \(method?.name ?? "")")
            #expect(spec.check(for: method)?.source == .builtIn, "\(connector) \(method?.name ?? "")")
        }
    }
}
