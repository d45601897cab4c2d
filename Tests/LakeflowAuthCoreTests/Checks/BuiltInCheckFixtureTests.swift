import SharedCorpus
import Foundation
@testable import LakeflowAuthCore
import Testing

/// Every case of `Tests/Fixtures/checks/*.yaml` replayed (specs/checks/README.md, "Tests"): against the
/// spec that ships with the tool where there is one, and against upstream's `connector_spec.yaml` in
/// `../shared/connector-specs` when it is beside the package. Each layer file has a fixture that tries
/// each of its methods, and names only what upstream's spec has.
@Suite("built-in check fixtures")
struct BuiltInCheckFixtureTests {
    static let withBuiltInSpec = CheckFixture.names.filter { BuiltInSpecs.declarations[$0] != nil }

    static func replayAll(_ connector: String, spec: ConnectorSpec, against: String) async throws {
        for fixtureCase in try CheckFixture(connector: connector).cases {
            let problems = try await CheckFixtureReplay.replay(fixtureCase, spec: spec)
            #expect(problems.isEmpty, "\(connector) case \(fixtureCase.index + 1) against \(against): \(problems.joined(separator: "; "))")
        }
    }

    @Test(arguments: withBuiltInSpec)
    func casesHoldAgainstTheBuiltInSpec(connector: String) async throws {
        try await Self.replayAll(connector, spec: try ResolvedSpec.builtIn(connector).load(), against: "the built-in spec")
    }

    @Test(SharedCorpus.connectorSpecs.required, arguments: CheckFixture.names)
    func casesHoldAgainstUpstreamsSpec(connector: String) async throws {
        let path = SharedCorpus.connectorSpecs.spec(connector)
        let spec = try ResolvedSpec(connector: connector, path: path, source: .file).load()
        #expect(spec.warnings.isEmpty, "\(connector): \(spec.warnings.map(\.message))")
        try await Self.replayAll(connector, spec: spec, against: "upstream's spec")
    }

    @Test func everyLayerFileHasAFixtureThatTriesEachMethod() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.root.appendingPathComponent("specs/checks").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files == BuiltInChecks.names, "run specs/embed")
        #expect(!files.isEmpty)
        for name in files {
            guard CheckFixture.names.contains(name) else {
                Issue.record("specs/checks/\(name).yaml has no Tests/Fixtures/checks/\(name).yaml")
                continue
            }
            let file = try #require(try CheckLayer.file(for: name))
            let cases = try CheckFixture(connector: name).cases
            #expect(!cases.isEmpty, "\(name)")
            if file.select != nil {
                for (entry, _) in file.methods {
                    #expect(cases.contains { fixtureCase in fixtureCase.values.contains { $0 == (file.select ?? "", entry) } }
                        || (entry == file.defaultMethod && cases.contains { fixtureCase in !fixtureCase.values.contains { $0.0 == file.select } }),
                            "\(name): no case picks \(entry)")
                }
            } else {
                for (method, _) in file.methods {
                    #expect(cases.contains { $0.method == method }, "\(name): no case for method \(method)")
                }
            }
        }
    }

    /// The layer follows upstream: its method names are the spec's, and each name it reads is an
    /// option of the spec (or the flow's token, a derived value, an earlier answer).
    @Test(SharedCorpus.connectorSpecs.required)
    func everyLayerFileNamesWhatUpstreamsSpecHas() throws {
        for name in BuiltInChecks.names {
            let path = SharedCorpus.connectorSpecs.spec(name)
            guard FileManager.default.fileExists(atPath: path) else {
                Issue.record("specs/checks/\(name).yaml: no upstream spec \(name).yaml in ../shared/connector-specs")
                continue
            }
            let spec = try SpecLoader.load(path: path, connector: name)
            let file = try #require(try CheckLayer.file(for: name))
            if file.select == nil, !file.methods.isEmpty {
                #expect(file.methods.map(\.0).sorted() == spec.authMethods.map(\.name).sorted(), "\(name): method names")
            }
            let attached = CheckLayer.attach(file, to: spec)
            #expect(attached.warnings.isEmpty, "\(name): \(attached.warnings.map(\.message))")
            for (option, _) in file.options {
                #expect(spec.allOptions.contains { $0.name == option }, "\(name): options.\(option) is not an option of upstream's spec")
            }
        }
    }
}
