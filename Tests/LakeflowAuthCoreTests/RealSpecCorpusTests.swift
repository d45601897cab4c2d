import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// Every real `connector_spec.yaml` loads, and loads to what its YAML says (RealSpecTable).
@Suite("real connector specs", SharedCorpus.connectorSpecs.required)
struct RealSpecCorpusTests {
    @Test("the table covers exactly the files in ../shared/connector-specs")
    func tableCoversCorpus() throws {
        let names = SharedCorpus.connectorSpecs.specNames
        #expect(names.count == 29)
        #expect(names == RealSpecTable.all.map(\.file).sorted())
    }

    @Test("each file loads to its table row", arguments: RealSpecTable.all)
    func loadsAsWritten(_ expected: ExpectedSpec) throws {
        let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(expected.file))
        #expect(spec.connector == expected.file)
        #expect(spec.origin == .databricks)
        #expect(spec.displayName == expected.displayName)
        #expect(spec.options.count == expected.parameters.count)
        #expect(spec.options.map(Self.summary) == expected.parameters)
        #expect(spec.authMethods.map(\.name) == expected.authMethods.map(\.name))
        for (method, want) in zip(spec.authMethods, expected.authMethods) {
            #expect(method.options.map(Self.summary) == want.parameters, "auth method \(method.name)")
            #expect(!method.description.isEmpty, "auth method \(method.name) has a description")
        }
        #expect((spec.oauth != nil) == expected.oauth)
        #expect(spec.tableOptions.map(\.name) == expected.allowlist.split(separator: ",").map(String.init))
        let everyOption = spec.options + spec.authMethods.flatMap(\.options)
        #expect(everyOption.allSatisfy { $0.type == .string })
        #expect(everyOption.allSatisfy { !$0.description.isEmpty && !$0.description.contains("  ") })
        #expect(everyOption.allSatisfy { $0.envVar == EnvVarName.forOption($0.name, connector: expected.file) })
    }

    /// `name`, then `!` when required, `*` when marked secret, `~` when secret by name: the notation of RealSpecTable.
    static func summary(_ option: ConnectorOption) -> String {
        option.name + (option.required ? "!" : "") + (option.secret ? (option.secretInferred ? "~" : "*") : "")
    }
}
