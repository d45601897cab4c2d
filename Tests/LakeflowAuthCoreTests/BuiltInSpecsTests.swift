import Foundation
import LakeflowAuthCore
import Testing

/// The binary carries specs/*/options.yaml as written; `specs/embed` regenerates the Swift file.
struct BuiltInSpecsTests {
    @Test func theEmbeddedSpecsAreTheFilesInSpecs() throws {
        let specs = PackagePaths.root.appendingPathComponent("specs").path
        let names = try FileManager.default.contentsOfDirectory(atPath: specs)
            .filter { FileManager.default.fileExists(atPath: "\(specs)/\($0)/options.yaml") }.sorted()
        #expect(BuiltInSpecs.declarations.keys.sorted() == names, "run specs/embed")
        for name in names {
            let file = try String(contentsOfFile: "\(specs)/\(name)/options.yaml", encoding: .utf8)
            #expect(BuiltInSpecs.declarations[name] == file, "specs/\(name)/options.yaml changed: run specs/embed")
        }
    }

    @Test func everyEmbeddedSpecLoads() throws {
        for name in BuiltInSpecs.declarations.keys.sorted() {
            #expect(throws: Never.self, "\(name)") { try ResolvedSpec.builtIn(name).load() }
        }
    }
}
