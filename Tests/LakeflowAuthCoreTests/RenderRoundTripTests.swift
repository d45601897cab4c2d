import Foundation
import LakeflowAuthCore
import Testing

/// A generated `connector_spec.yaml` loads back to the declarations it came from, extensions aside.
struct RenderRoundTripTests {
    @Test("acme's declarations survive rendering")
    func acme() throws {
        let declarations = try SpecLoader.load(path: PackagePaths.acmeDeclarations)
        let rendered = SpecRenderer.render(declarations)
        let generated = try SpecLoader.load(text: rendered, path: "acme/connector_spec.yaml")
        #expect(generated == declarations.databricksView)
        #expect(generated.options.map(\.type) == [.string, .string, .string])
        #expect(generated.authMethods.map(\.name) == ["api_key", "basic"])
    }

    @Test("random declarations survive rendering", arguments: 0..<4)
    func randomDeclarations(batch: UInt64) throws {
        var generator = RandomDeclarations(seed: 0x5EED_0000 + batch)
        for index in 0..<100 {
            let (text, optionCount, methodCount) = generator.make()
            let path = "random\(batch)_\(index)/\(SpecLoader.declarationsFileName)"
            let declarations: ConnectorSpec
            do {
                declarations = try SpecLoader.load(text: text, path: path)
            } catch {
                Issue.record("batch \(batch) spec \(index) did not load: \(error)\n\(text)")
                continue
            }
            #expect(declarations.options.count + declarations.authMethods.flatMap(\.options).count == optionCount)
            #expect(declarations.authMethods.count == methodCount)
            let rendered = SpecRenderer.render(declarations)
            let generatedPath = "random\(batch)_\(index)/\(SpecLoader.databricksFileName)"
            do {
                let generated = try SpecLoader.load(text: rendered, path: generatedPath)
                #expect(generated == declarations.databricksView, "batch \(batch) spec \(index):\n\(text)\n---\n\(rendered)")
                #expect(SpecRenderer.render(generated) == rendered, "rendering is a fixed point")
            } catch {
                Issue.record("batch \(batch) spec \(index): the rendered file did not load: \(error)\n\(text)\n---\n\(rendered)")
            }
        }
    }
}
