import Foundation
@testable import LakeflowAuthCore
import Testing

/// The engine's features, each pinned by a fixture that carries its own spec and check file
/// (`Tests/Fixtures/check-engine/`): a token request before the call, a JWT assertion for a token
/// endpoint a discovery document names, `select`, every kind of derived value, conditions, bodies.
/// Replayed exactly as the built-in layer's fixtures are.
@Suite("check engine fixtures")
struct CheckEngineFixtureTests {
    static let folder = PackagePaths.root.appendingPathComponent("Tests/Fixtures/check-engine")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The fixture's spec with its check file attached as the built-in layer would be.
    static func load(_ name: String) throws -> (spec: ConnectorSpec, fixture: CheckFixture) {
        let path = folder.appendingPathComponent("\(name).yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let root = try SpecDocument.root(ofText: Array(text.utf8), path: path).jsonValue()
        let specText = try #require(root["spec"]?.stringValue)
        let checkText = try #require(root["check"]?.stringValue)
        let spec = try SpecLoader.load(text: specText, path: "\(name)/options.yaml", connector: name)
        let file = try CheckFileReader.read(text: checkText, path: "\(name)-check.yaml")
        return (CheckLayer.attach(file, to: spec), try CheckFixture(text: text, path: path))
    }

    @Test(arguments: names)
    func casesHold(name: String) async throws {
        let (spec, fixture) = try Self.load(name)
        #expect(spec.warnings.isEmpty, "\(spec.warnings.map(\.message))")
        #expect(!fixture.cases.isEmpty)
        for fixtureCase in fixture.cases {
            let problems = try await CheckFixtureReplay.replay(fixtureCase, spec: spec)
            #expect(problems.isEmpty, "\(name) case \(fixtureCase.index + 1): \(problems.joined(separator: "; "))")
        }
    }

    @Test func noCheckSaysWhyInsteadOfNoProbeIsDeclared() async throws {
        let (spec, _) = try Self.load("select-and-values")
        let credentials = Credentials(connector: spec.connector, authMethod: nil, values: [("auth_mode", .string("files"))])
        let result = try await ProbeClient().probe(credentials, spec: spec)
        #expect(result.outcome == .unverified)
        #expect(result.message == "select-and-values is not checked live (reads files on a Unity Catalog volume), so the credentials are unverified")
        let plan = try CheckPlan.make(credentials, spec: spec, reveal: false)
        #expect(plan.json.serialized() == #"{"connector":"select-and-values","auth_method":null,"check":null,"no_check":"reads files on a Unity Catalog volume"}"#)
    }

    @Test func theLayersLinkReachesTheField() throws {
        let (spec, _) = try Self.load("select-and-values")
        let form = Form(spec: spec)
        let field = try #require(form.fieldStates.first { $0.option.name == "api_key" })
        #expect(field.hint.link == "https://console.example.com/keys")
        #expect(field.hint.line == "get it at https://console.example.com/keys")
    }
}
