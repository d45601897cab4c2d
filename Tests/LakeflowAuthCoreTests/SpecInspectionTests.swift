import Foundation
import SharedCorpus
import Testing
@testable import LakeflowAuthCore

/// `spec inspect --json` prints one shape for both formats: exact keys in exact order, defaults
/// filled in, descriptions with whitespace collapsed, and `oauth` typed as YAML typed it.
@Suite("spec inspect --json")
struct SpecInspectionTests {
    static let topKeys = ["display_name", "parameters", "auth_methods", "oauth", "external_options_allowlist"]
    static let parameterKeys = ["name", "type", "required", "secret", "secret_inferred", "multiline", "description"]

    @Test func databricksFormatExactly() throws {
        let text = """
        display_name: Tiny
        connection:
          auth_methods:
            - name: key
              description: >
                An   API
                key.
              parameters:
                - name: api_key
                  secret: true
                  required: true
          parameters:
            - name: host
              description: "  the\\thost  "
              display_name: Host
          oauth:
            flow: u2m
            pkce: false
            port: 8080
            ratio: 1.5
            scopes: [a, b]
            quoted: "true"
            empty:
        external_options_allowlist: " a , b,,c "

        """
        let spec = try SpecLoader.load(text: text, path: "tiny.yaml")
        let expected = #"{"display_name":"Tiny","parameters":[{"name":"host","type":"string","required":false,"secret":false,"secret_inferred":false,"multiline":false,"description":"the host"}],"#
            + #""auth_methods":[{"name":"key","description":"An API key.","parameters":[{"name":"api_key","type":"string","required":true,"secret":true,"secret_inferred":false,"multiline":false,"description":""}]}],"#
            + #""oauth":{"flow":"u2m","pkce":false,"port":8080,"ratio":1.5,"scopes":["a","b"],"quoted":"true","empty":null},"#
            + #""external_options_allowlist":["a","b","c"]}"#
        #expect(SpecInspection.json(spec).serialized() == expected)
    }

    @Test func absentPartsAreNullOrEmpty() throws {
        let spec = try SpecLoader.load(text: "connection:\n  parameters:\n    - name: a\n", path: "bare.yaml")
        #expect(SpecInspection.json(spec).serialized()
            == #"{"display_name":null,"parameters":[{"name":"a","type":"string","required":false,"secret":false,"secret_inferred":false,"multiline":false,"description":""}],"auth_methods":[],"oauth":null,"external_options_allowlist":[]}"#)
    }

    @Test func declarationsExactly() throws {
        let text = """
        options:
          - name: plain
          - name: tuned
            type: integer
            required: true
            secret: false
            description: |
              Two
                lines
            default: "5"
            pattern: '^[0-9]+$'
            example: "42"
            env: TUNED_VALUE
          - name: region
            type: choice
            choices: [us, eu]

        """
        let spec = try SpecLoader.load(text: text, path: "tiny/options.yaml")
        let expected = #"{"display_name":null,"parameters":["#
            + #"{"name":"plain","type":"string","required":false,"secret":false,"secret_inferred":false,"multiline":false,"description":"","env":"TINY_PLAIN"},"#
            + #"{"name":"tuned","type":"integer","required":true,"secret":false,"secret_inferred":false,"multiline":false,"description":"Two lines","env":"TUNED_VALUE","default":"5","pattern":"^[0-9]+$","example":"42"},"#
            + #"{"name":"region","type":"choice","required":false,"secret":false,"secret_inferred":false,"multiline":false,"description":"","env":"TINY_REGION","choices":["us","eu"]}"#
            + #"],"auth_methods":[],"oauth":null,"external_options_allowlist":[]}"#
        #expect(SpecInspection.json(spec).serialized() == expected)
    }

    @Test func acmeDeclarations() throws {
        let json = SpecInspection.json(try SpecLoader.load(path: PackagePaths.acmeDeclarations))
        #expect(Self.keys(json) == Self.topKeys)
        #expect(json["display_name"] == .string("Acme"))
        #expect(Self.names(json["parameters"]) == ["workspace", "base_url", "region"])
        #expect(Self.items(json["parameters"]).first?.serialized()
            == #"{"name":"workspace","type":"string","required":true,"secret":false,"secret_inferred":false,"multiline":false,"description":"The Acme workspace to read from: the short name in your workspace's address, 3 to 40 lower-case letters, digits or dashes.","env":"ACME_WORKSPACE","pattern":"^[a-z0-9-]{3,40}$","example":"acme-prod"}"#)
        #expect(Self.names(json["auth_methods"]) == ["api_key", "basic"])
        #expect(json["external_options_allowlist"] == .array(["max_records_per_batch", "window_seconds", "start_timestamp"].map(JSONValue.string)))
    }

    /// The real files: the shape holds, and oauth keeps YAML's types (gmail's `pkce: false` is a boolean).
    @Test(SharedCorpus.connectorSpecs.required)
    func realSpecsHaveTheShape() throws {
        for name in SharedCorpus.connectorSpecs.specNames {
            let json = SpecInspection.json(try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(name)))
            #expect(Self.keys(json) == Self.topKeys, "\(name)")
            guard case let .array(methods)? = json["auth_methods"], case let .array(shared)? = json["parameters"] else {
                Issue.record("\(name): parameters and auth_methods must be lists")
                continue
            }
            for method in methods {
                #expect(Self.keys(method) == ["name", "description", "parameters"], "\(name)")
            }
            for parameter in shared + methods.flatMap({ Self.items($0["parameters"]) }) {
                #expect(Self.keys(parameter) == Self.parameterKeys, "\(name)")
                let description = parameter["description"]?.stringValue ?? ""
                #expect(!description.contains("  ") && !description.contains("\n") && description == description.trimmingCharacters(in: .whitespaces),
                        "\(name): description not collapsed")
            }
        }
        let gmail = SpecInspection.json(try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec("gmail")))
        #expect(gmail["oauth"]?.serialized()
            == #"{"flow":"u2m","pkce":false,"scopes":"https://www.googleapis.com/auth/gmail.readonly","authorization_url":"https://accounts.google.com/o/oauth2/v2/auth","token_url":"https://oauth2.googleapis.com/token","extra_auth_params":{"access_type":"offline","prompt":"consent"}}"#)
        let youtube = SpecInspection.json(try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec("youtube")))
        #expect(youtube["oauth"]?["pkce"] == .bool(true))
        let hubspot = SpecInspection.json(try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec("hubspot")))
        #expect(hubspot["oauth"] == .null)
        #expect(hubspot["display_name"] == .string("HubSpot"))
    }

    private static func keys(_ value: JSONValue) -> [String] {
        if case let .object(members) = value { return members.map(\.0) }
        return []
    }

    private static func items(_ value: JSONValue?) -> [JSONValue] {
        if case let .array(items)? = value { return items }
        return []
    }

    private static func names(_ value: JSONValue?) -> [String] {
        items(value).compactMap { $0["name"]?.stringValue }
    }
}
