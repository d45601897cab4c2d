import LakeflowAuthCore
import Testing

/// Values kept verbatim keep the type YAML gave them, and YAML's nulls count as absent.
struct YAMLTypingTests {
    @Test("oauth values keep their YAML types through loading and rendering")
    func oauthTypes() throws {
        let text = """
            connection:
              parameters: []
              oauth:
                pkce: false
                retries: 3
                hex: 0x1F
                ratio: 2.0
                big: 1.0e+300
                quoted: "true"
                scopes: [a, 2.0, {inner: 1.5}]

            """
        let spec = try SpecLoader.load(text: text, path: "typed/connector_spec.yaml")
        let expected = JSONValue.object([
            ("pkce", .bool(false)), ("retries", .integer(3)), ("hex", .integer(31)), ("ratio", .number(2.0)),
            ("big", .number(1.0e300)), ("quoted", .string("true")),
            ("scopes", .array([.string("a"), .number(2.0), .object([("inner", .number(1.5))])])),
        ])
        #expect(spec.oauth == expected)
        let reloaded = try SpecLoader.load(text: SpecRenderer.render(spec), path: "typed/connector_spec.yaml")
        #expect(reloaded.oauth == expected)
    }

    @Test("null, ~ and empty values are absent", arguments: ["null", "~", "", "Null"])
    func nulls(_ null: String) throws {
        let spec = try SpecLoader.load(
            text: "display_name: \(null)\nconnection:\n  parameters: []\nexternal_options_allowlist: \(null)\n",
            path: "nulls/connector_spec.yaml")
        #expect(spec.displayName == nil)
        #expect(spec.tableOptions.isEmpty)
    }
}
