import Foundation
import LakeflowAuthCore
import Testing

/// Where a connector's spec is found, first match wins, and what an unknown name is told.
struct SpecResolverTests {
    static let tiny = "display_name: Tiny\nconnection:\n  parameters:\n    - name: host\n"

    @Test func aFlatNameDotYamlInLakeflowAuthSpecsIsFound() throws {
        let folder = TemporaryFolder()
        let file = folder.write(Self.tiny, to: "corpus/fhir.yaml")
        let resolver = SpecResolver(environment: ["LAKEFLOW_AUTH_SPECS": folder.path + "/corpus"], workingDirectory: folder.path)
        let resolved = try resolver.resolve("fhir")
        #expect(resolved.path == file)
        #expect(resolved.shownSource == "./corpus/fhir.yaml")
        #expect(try resolved.load().displayName == "Tiny")
    }

    @Test func aFolderBeatsTheBuiltInAndTheBuiltInWorksFromAnywhere() throws {
        let folder = TemporaryFolder()
        let anywhere = SpecResolver(environment: [:], workingDirectory: folder.path)
        let builtIn = try anywhere.resolve("acme")
        #expect(builtIn.source == .builtIn && builtIn.shownSource == "built in")
        #expect(try builtIn.load().displayName == "Acme")

        folder.write(Self.tiny, to: "specs/acme/connector_spec.yaml")
        let local = try anywhere.resolve("acme")
        #expect(local.shownSource == "./specs/acme/connector_spec.yaml")
        #expect(try local.load().displayName == "Tiny")
    }

    @Test func anUnknownNameGetsCloseNamesAndEachFolderOnceAsTyped() throws {
        let folder = TemporaryFolder()
        folder.write(Self.tiny, to: "specs/zendesk_support.yaml")
        // $LAKEFLOW_AUTH_SPECS names ./specs by another spelling: it is searched and listed once.
        let resolver = SpecResolver(environment: ["LAKEFLOW_AUTH_SPECS": folder.path + "/specs/../specs/", "HOME": "/nowhere"],
                                    workingDirectory: folder.path)
        #expect(throws: ResolutionError.notFound("gthub", searched: ["./specs"], suggestions: ["github"])) {
            try resolver.resolve("gthub")
        }
        #expect(throws: ResolutionError.notFound("zendesk_suport", searched: ["./specs"], suggestions: ["zendesk_support"])) {
            try resolver.resolve("zendesk_suport")
        }
        let error = ResolutionError.notFound("gthub", searched: ["./specs"], suggestions: ["github"])
        #expect(error.message == #"no spec found for connector "gthub"; did you mean "github"?"#)
        #expect(error.hints[0] == "looked for gthub/options.yaml, gthub/connector_spec.yaml or gthub.yaml in ./specs and among the built-in specs")
    }

    @Test func foldersOutsideTheWorkingDirectoryAreSpelledFromHome() {
        let folder = TemporaryFolder()
        let resolver = SpecResolver(environment: ["LAKEFLOW_AUTH_SPECS": folder.path + "/mine", "HOME": folder.path],
                                    workingDirectory: folder.path + "/elsewhere")
        #expect(resolver.searchedFolders().map(\.shown) == ["~/mine", "./specs"])
    }

    @Test func availableListsEveryNameOnceWithItsFirstSource() throws {
        let folder = TemporaryFolder()
        folder.write(Self.tiny, to: "corpus/fhir.yaml")
        folder.write(Self.tiny, to: "corpus/github/connector_spec.yaml")
        folder.write("not a spec", to: "corpus/notes.txt")
        let resolver = SpecResolver(environment: ["LAKEFLOW_AUTH_SPECS": folder.path + "/corpus"], workingDirectory: folder.path)
        let available = resolver.available()
        #expect(available.map(\.connector) == (BuiltInSpecs.declarations.keys + ["fhir"]).sorted())
        #expect(available.first { $0.connector == "github" }?.shownSource == "./corpus/github/connector_spec.yaml")
        #expect(available.first { $0.connector == "acme" }?.shownSource == "built in")
        let lines = ConnectorListing.lines(available)
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true) == ["CONNECTOR", "AUTH", "METHOD", "CHECK", "SPEC"])
        let acme = try #require(lines.firstIndex { $0.hasPrefix("acme ") })
        #expect(lines[acme].contains(" api_key ") && lines[acme].contains("GET /v1/workspaces/{workspace}/me") && lines[acme].hasSuffix("built in"))
        #expect(lines[acme + 1].hasPrefix("    ") && lines[acme + 1].contains(" basic "))
        #expect(lines.contains { $0.hasPrefix("github ") && $0.hasSuffix("./corpus/github/connector_spec.yaml") })
        #expect(lines.allSatisfy { $0.count <= ConnectorListing.width })
    }

    @Test func aSpecThatDoesNotLoadIsListedWithWhy() throws {
        let folder = TemporaryFolder()
        folder.write("connection: [", to: "corpus/broken.yaml")
        let resolver = SpecResolver(environment: ["LAKEFLOW_AUTH_SPECS": folder.path + "/corpus"], workingDirectory: folder.path)
        let lines = ConnectorListing.lines(resolver.available())
        let row = try #require(lines.first { $0.hasPrefix("broken ") })
        #expect(row.contains("(the spec does not load)") && row.hasSuffix("./corpus/broken.yaml"))
        #expect(lines.contains { $0.hasPrefix("  broken: line ") && $0.contains("YAML syntax error") })
    }

    @Test func generatingNeedsDeclarationsOnDisk() {
        let folder = TemporaryFolder()
        #expect(throws: ResolutionError.noDeclarations("acme", found: "built in")) {
            try SpecResolver(environment: [:], workingDirectory: folder.path).declarationsPath("acme")
        }
    }
}
