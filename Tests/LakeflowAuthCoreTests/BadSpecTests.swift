import Foundation
import Testing
@testable import LakeflowAuthCore

/// A bad spec, where its error must point, and words the message must contain.
struct BadSpec: Sendable, CustomTestStringConvertible {
    let label: String
    let path: String
    let text: String
    let line: Int
    let column: Int
    let says: [String]

    var testDescription: String { "\(label) (\(path))" }

    static let databricks = "bad/connector_spec.yaml"
    static let declarations = "bad/options.yaml"
}

/// Every bad spec gets a `SpecError` whose line and column point at the culprit and whose message
/// says what is wrong. The expected places are counted by hand from the texts below.
@Suite("bad specs")
struct BadSpecTests {
    static let cases: [BadSpec] = [
        BadSpec(label: "a YAML syntax error", path: BadSpec.databricks,
                text: "display_name: a: b\n", line: 1, column: 16, says: ["YAML syntax error"]),
        BadSpec(label: "an unclosed flow list", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    choices: [us, eu\n", line: 4, column: 1, says: ["YAML syntax error"]),
        BadSpec(label: "an empty file", path: BadSpec.databricks, text: "", line: 1, column: 1, says: ["empty"]),
        BadSpec(label: "an empty file", path: BadSpec.declarations, text: "", line: 1, column: 1, says: ["empty"]),
        BadSpec(label: "only whitespace", path: BadSpec.databricks, text: " \n\t\n  \n", line: 1, column: 1, says: ["empty"]),
        BadSpec(label: "only whitespace and comments", path: BadSpec.declarations,
                text: "  \n# nothing here yet\n\n   # still nothing\n", line: 1, column: 1, says: ["empty"]),
        BadSpec(label: "a NUL byte", path: BadSpec.databricks,
                text: "display_name: a\u{0}b\n", line: 1, column: 1, says: ["not UTF-8 text"]),
        BadSpec(label: "a list at the top", path: BadSpec.databricks,
                text: "- name: a\n", line: 1, column: 1, says: ["must be a YAML mapping", "a list"]),

        BadSpec(label: "a parameter without a name", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - type: string\n      required: true\n",
                line: 3, column: 7, says: ["this parameter has no \"name\""]),
        BadSpec(label: "an option without a name", path: BadSpec.declarations,
                text: "options:\n  - type: string\n", line: 2, column: 5, says: ["this option has no \"name\""]),
        BadSpec(label: "a parameter that is not a mapping", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - api_key\n",
                line: 3, column: 7, says: ["a parameter must be a mapping", "\"api_key\""]),
        BadSpec(label: "an option that is not a mapping", path: BadSpec.declarations,
                text: "options:\n  - api_key\n", line: 2, column: 5, says: ["an option must be a mapping", "\"api_key\""]),
        BadSpec(label: "required that is not a boolean", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - name: a\n      required: \"yes-ish\"\n",
                line: 4, column: 17, says: ["required must be true or false", "\"yes-ish\""]),
        BadSpec(label: "required that is not a boolean", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    required: yes-ish\n",
                line: 3, column: 15, says: ["required must be true or false", "\"yes-ish\""]),
        BadSpec(label: "secret that is a quoted boolean", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    secret: \"true\"\n",
                line: 3, column: 13, says: ["secret must be true or false"]),

        BadSpec(label: "the same option twice in one method", path: BadSpec.databricks,
                text: """
                connection:
                  auth_methods:
                    - name: m
                      parameters:
                        - name: a
                        - name: a

                """, line: 6, column: 11, says: ["option \"a\" is declared twice", "line 5", "auth method \"m\""]),
        BadSpec(label: "the same option twice in one method", path: BadSpec.declarations,
                text: """
                auth_methods:
                  - name: m
                    options:
                      - name: a
                      - name: a

                """, line: 5, column: 9, says: ["option \"a\" is declared twice", "line 4", "auth method \"m\""]),
        BadSpec(label: "the same option in a method and the shared options", path: BadSpec.databricks,
                text: """
                connection:
                  auth_methods:
                    - name: m
                      parameters:
                        - name: a
                  parameters:
                    - name: a

                """, line: 5, column: 11, says: ["option \"a\" is declared twice", "the shared options at line 7", "auth method \"m\""]),
        BadSpec(label: "the same option in a method and the shared options", path: BadSpec.declarations,
                text: """
                options:
                  - name: a
                auth_methods:
                  - name: m
                    options:
                      - name: a

                """, line: 6, column: 9, says: ["option \"a\" is declared twice", "the shared options at line 2", "auth method \"m\""]),
        BadSpec(label: "the same option twice in the shared options", path: BadSpec.declarations,
                text: "options:\n  - name: a\n  - name: a\n", line: 3, column: 5, says: ["option \"a\" is declared twice"]),

        BadSpec(label: "an auth method without a name", path: BadSpec.databricks,
                text: "connection:\n  auth_methods:\n    - description: x\n      parameters: []\n",
                line: 3, column: 7, says: ["this auth method has no \"name\""]),
        BadSpec(label: "an auth method without a name", path: BadSpec.declarations,
                text: "auth_methods:\n  - description: x\n", line: 2, column: 5, says: ["this auth method has no \"name\""]),
        BadSpec(label: "two auth methods with one name", path: BadSpec.databricks,
                text: "connection:\n  auth_methods:\n    - name: m\n    - name: m\n",
                line: 4, column: 7, says: ["auth method \"m\" is declared twice", "line 3"]),
        BadSpec(label: "two auth methods with one name", path: BadSpec.declarations,
                text: "auth_methods:\n  - name: m\n  - name: m\n", line: 3, column: 5,
                says: ["auth method \"m\" is declared twice", "line 2"]),

        BadSpec(label: "an unknown type", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - name: a\n      type: text\n",
                line: 4, column: 13, says: ["parameter \"a\" has unknown type \"text\""]),
        BadSpec(label: "a declaration-only type in connector_spec.yaml", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - name: a\n      type: url\n",
                line: 4, column: 13, says: ["parameter \"a\" has unknown type \"url\""]),
        BadSpec(label: "an unknown type", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    type: enum\n", line: 3, column: 11, says: ["option \"a\" has unknown type \"enum\""]),
        BadSpec(label: "a pattern that does not compile", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    pattern: '([a-z'\n", line: 3, column: 14,
                says: ["option \"a\" has a pattern that has a '[' without its ']'"]),
        BadSpec(label: "a pattern with a backreference, which only backtracking can match", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    pattern: '^(a+)\\1$'\n", line: 3, column: 14,
                says: ["option \"a\" has a pattern that uses a backreference"]),
        BadSpec(label: "a pattern with lookahead", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    pattern: '^(?=a)a$'\n", line: 3, column: 14,
                says: ["lookaround"]),
        BadSpec(label: "a pattern that repeats beyond any check", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    pattern: '^((a{1,100}){1,100}){1,100}$'\n", line: 3, column: 14,
                says: ["repeats too much"]),
        BadSpec(label: "a probe header name that would end its line", path: BadSpec.declarations,
                text: "probe:\n  url: https://x.example\n  auth:\n    type: header\n    name: \"X-Key: a\\r\\nX-Injected\"\n    value: v\n",
                line: 5, column: 11, says: ["probe.auth.name", "is not an HTTP header or query name"]),
        BadSpec(label: "a probe template with a line break", path: BadSpec.declarations,
                text: "probe:\n  url: https://x.example\n  auth:\n    type: header\n    name: X-Key\n    value: \"v\\r\\nX-Injected: yes\"\n",
                line: 6, column: 12, says: ["probe.auth.value has a control character"]),
        BadSpec(label: "two options with one env var, by case", path: BadSpec.declarations,
                text: "options:\n  - name: token\n  - name: TOKEN\n", line: 3, column: 5,
                says: ["options \"token\" (line 2) and \"TOKEN\" both have env var BAD_TOKEN"]),
        BadSpec(label: "two parameters with one env var, by punctuation", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - name: api-key\n    - name: api_key\n", line: 4, column: 7,
                says: ["options \"api-key\" (line 3) and \"api_key\" both have env var BAD_API_KEY"]),
        BadSpec(label: "a method option and a shared one with one env var", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - name: api.key\n  auth_methods:\n    - name: m\n      parameters:\n        - name: API_KEY\n",
                line: 7, column: 11, says: ["options \"api.key\" (line 3) and \"API_KEY\" both have env var BAD_API_KEY"]),
        BadSpec(label: "an option whose env var picks the auth method", path: BadSpec.databricks,
                text: "connection:\n  parameters:\n    - name: auth_method\n", line: 3, column: 7,
                says: ["option \"auth_method\" has env var BAD_AUTH_METHOD, which picks the auth method"]),
        BadSpec(label: "an option name no message could quote whole", path: BadSpec.declarations,
                text: "options:\n  - name: \(String(repeating: "n", count: 5000))\n", line: 2, column: 11,
                says: ["is longer than 100 characters", "more characters)"]),
        BadSpec(label: "a default that is not of its type", path: BadSpec.declarations,
                text: "options:\n  - name: size\n    type: integer\n    default: ten\n", line: 4, column: 14,
                says: ["option \"size\" has default \"ten\"", "whole number"]),
        BadSpec(label: "a default that is not a URL", path: BadSpec.declarations,
                text: "options:\n  - name: base_url\n    type: url\n    default: api.acme.example\n", line: 4, column: 14,
                says: ["option \"base_url\" has default \"api.acme.example\"", "URL"]),
        BadSpec(label: "a default that is not one of its choices", path: BadSpec.declarations,
                text: "options:\n  - name: region\n    type: choice\n    choices: [us, eu]\n    default: asia\n",
                line: 5, column: 14, says: ["option \"region\" has default \"asia\"", "one of: us, eu"]),
        BadSpec(label: "a choice without choices", path: BadSpec.declarations,
                text: "options:\n  - name: region\n    type: choice\n", line: 3, column: 11,
                says: ["option \"region\" has type choice but no choices"]),
        BadSpec(label: "a probe URL naming an undeclared option", path: BadSpec.declarations,
                text: "options:\n  - name: base_url\nprobe:\n  url: \"{base_url}/v1/{tenant}/me\"\n",
                line: 4, column: 8, says: ["probe names {tenant}", "not an option of this spec"]),
        BadSpec(label: "a probe token naming another method's option", path: BadSpec.declarations,
                text: """
                auth_methods:
                  - name: key
                    options:
                      - name: api_key
                    probe:
                      auth:
                        type: bearer
                        token: "{password}"
                probe:
                  url: https://api.example.com/me

                """, line: 8, column: 16, says: ["probe names {password}", "auth method \"key\""]),
        BadSpec(label: "an unknown top-level key", path: BadSpec.declarations,
                text: "display_name: A\noptoins: []\n", line: 2, column: 1,
                says: ["the declarations has unknown key \"optoins\"; did you mean \"options\"?"]),
        BadSpec(label: "an unknown option key", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    defualt: x\n", line: 3, column: 5,
                says: ["option \"a\" has unknown key \"defualt\""]),
        BadSpec(label: "a choice with a control character, which no answer could match", path: BadSpec.declarations,
                text: "options:\n  - name: region\n    choices: [\"us\", \"e\\tu\"]\n", line: 3, column: 21,
                says: ["option \"region\" has a choice with a control character"]),
        BadSpec(label: "a choice with an escape sequence", path: BadSpec.declarations,
                text: "options:\n  - name: region\n    type: choice\n    choices:\n      - us\n      - \"\\e[2Jeu\"\n", line: 6, column: 9,
                says: ["option \"region\" has a choice with a control character"]),
        BadSpec(label: "an env var that would hand the tool's passphrase to the tests", path: BadSpec.declarations,
                text: "options:\n  - name: key\n    env: LAKEFLOW_AUTH_PASSPHRASE\n", line: 3, column: 10,
                says: ["option \"key\" has env var LAKEFLOW_AUTH_PASSPHRASE, which no option may have", "lakeflow-auth's own setting"]),
        BadSpec(label: "an env var a shell runs", path: BadSpec.declarations,
                text: "options:\n  - name: key\n    env: BASH_ENV\n", line: 3, column: 10,
                says: ["option \"key\" has env var BASH_ENV, which no option may have"]),
        BadSpec(label: "a derived env var git reads", path: "git/connector_spec.yaml",
                text: "connection:\n  parameters:\n    - name: ssh_command\n", line: 3, column: 7,
                says: ["option \"ssh_command\" has env var GIT_SSH_COMMAND, which no option may have"]),
        BadSpec(label: "an unknown probe auth type", path: BadSpec.declarations,
                text: "probe:\n  url: https://x.example\n  auth:\n    type: digest\n", line: 4, column: 11,
                says: ["probe.auth.type \"digest\" is not known"]),
        BadSpec(label: "a key twice in one mapping (the error points at the first)", path: BadSpec.declarations,
                text: "options:\n  - name: a\n    name: b\n", line: 2, column: 5, says: ["key \"name\" appears twice"]),
    ]

    @Test(arguments: cases)
    func refusedWithLocatedMessage(_ bad: BadSpec) throws {
        let error = try #require(throws: SpecError.self) { try SpecLoader.load(text: bad.text, path: bad.path) }
        #expect(error.location == SourceLocation(path: bad.path, line: bad.line, column: bad.column), "\(error.message)")
        for words in bad.says {
            #expect(error.problem.contains(words), "\(error.message)")
        }
        #expect(error.message.hasPrefix("\(bad.path):\(bad.line):\(bad.column): "))
        #expect(error.message.count < 300, "messages quote input as a short excerpt")
        #expect(!error.message.hasSuffix("."))
        #expect(error.exitStatus == .badInput)
    }

    /// A binary file on disk (a PNG header) is refused before YAML sees it.
    @Test func binaryFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("binary-\(UUID()).yaml")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF, 0xFE]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = try #require(throws: SpecError.self) { try SpecLoader.load(path: file.path) }
        #expect(error.location == SourceLocation(path: file.path, line: 1, column: 1))
        #expect(error.problem.contains("not UTF-8 text"))
    }

    /// fhir declares token_url in two methods; that is two different options, not a clash.
    @Test func sameOptionInTwoMethodsIsFine() throws {
        let databricks = """
        connection:
          auth_methods:
            - name: one
              parameters:
                - name: token_url
            - name: two
              parameters:
                - name: token_url

        """
        let declarations = """
        auth_methods:
          - name: one
            options:
              - name: token_url
          - name: two
            options:
              - name: token_url

        """
        for (text, path) in [(databricks, BadSpec.databricks), (declarations, BadSpec.declarations)] {
            let spec = try SpecLoader.load(text: text, path: path)
            #expect(spec.authMethods.map { $0.options.map(\.name) } == [["token_url"], ["token_url"]])
        }
    }
}
