import Foundation
import LakeflowAuthCore
import Testing

/// `spec --check` compares bytes, so rendering must be a pure function of the declarations.
struct GeneratedSpecFileTests {
    @Test("rendering twice gives the same bytes")
    func deterministic() throws {
        let first = SpecRenderer.render(try SpecLoader.load(path: PackagePaths.acmeDeclarations))
        let second = SpecRenderer.render(try SpecLoader.load(path: PackagePaths.acmeDeclarations))
        #expect(Array(first.utf8) == Array(second.utf8))
        var generator = RandomDeclarations(seed: 7)
        for _ in 0..<50 {
            let text = generator.make().text
            let a = SpecRenderer.render(try SpecLoader.load(text: text, path: "r/options.yaml"))
            let b = SpecRenderer.render(try SpecLoader.load(text: text, path: "r/options.yaml"))
            #expect(Array(a.utf8) == Array(b.utf8))
        }
    }

    @Test("the committed specs/acme/connector_spec.yaml is what the declarations render")
    func committedAcmeIsFresh() throws {
        let rendered = SpecRenderer.render(try SpecLoader.load(path: PackagePaths.acmeDeclarations))
        let committed = try String(contentsOfFile: PackagePaths.acmeGenerated, encoding: .utf8)
        #expect(committed == rendered)
        #expect(rendered.hasPrefix("# acme Community Connector Spec\n"))
        #expect(rendered.hasSuffix("external_options_allowlist: \"max_records_per_batch,window_seconds,start_timestamp\"\n"))
    }

    @Test("descriptions fold at a readable width and the extensions stay behind")
    func folding() throws {
        let rendered = SpecRenderer.render(try SpecLoader.load(path: PackagePaths.acmeDeclarations))
        let lines = rendered.split(separator: "\n")
        let folded = lines.indices.filter { lines[$0].hasSuffix("description: >") }.map { lines[$0 + 1] }
        #expect(folded.count == 8)
        #expect(folded.allSatisfy { $0.count <= 80 })
        #expect(!rendered.contains("type: url"))
        #expect(!rendered.contains("type: choice"))
        #expect(!rendered.contains("pattern") && !rendered.contains("default") && !rendered.contains("probe"))
    }
}
