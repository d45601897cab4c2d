import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Testing

/// Every printer of the binary against text from outside that would drive a terminal (OSC 52 writes
/// the clipboard, OSC 0 the title, CSI clears the screen, C1 controls do both alone) or hide and
/// reorder what a person reads (bidi overrides, zero-width characters): none of it reaches stdout,
/// stderr or a generated file as it is.
@Suite(.timeLimit(.minutes(3)))
struct EscapePayloadTests {
    static let payloads = [
        "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}", "\u{1B}]0;pwned\u{1B}\\", "\u{1B}[2J\u{1B}[H", "\u{9B}31m",
        "\u{9D}0;title\u{9C}", "\u{202E}txt.exe\u{202C}", "\u{2066}x\u{2069}", "a\u{200B}b\u{200D}c\u{2060}d\u{FEFF}",
        "line\u{2028}break\u{85}",
    ]

    /// A scalar of `text` that no printer may let through (line breaks between lines aside): a control,
    /// a format character (bidi, zero-width), a line or paragraph separator.
    static func unsafe(_ text: String) -> String? {
        text.unicodeScalars.first { scalar in
            guard scalar != "\n" else { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }.map { String(format: "U+%04X", $0.value) }
    }

    static func expectClean(_ result: LakeflowAuthProcess.Result, _ what: String, payload: Int) {
        #expect(unsafe(result.stdout) == nil, "\(what), payload \(payload), stdout: \(result.stdout.debugDescription)")
        #expect(unsafe(result.stderr) == nil, "\(what), payload \(payload), stderr: \(result.stderr.debugDescription)")
    }

    @Test(arguments: payloads.indices)
    func pathsAndNamesFromTheCommandLineAreQuotedSanitized(payload index: Int) throws {
        let payload = Self.payloads[index]
        let fixture = StoreFixture()
        let cases: [(String, [String])] = [
            ("spec --output", ["spec", "acme", "--output", fixture.folder + "/no-such-\(payload)/x.yaml"]),
            ("--spec", ["acme", "--from-env", "--spec", fixture.folder + "/\(payload).yaml"]),
            ("--env-file", ["acme", "--from-env", "--env-file", fixture.folder + "/\(payload).env"]),
            ("a connector name", ["show", "acme\(payload)"]),
            ("a flag", ["list", "--\(payload)"]),
        ]
        for (what, arguments) in cases {
            let result = try fixture.lakeflowAuth(arguments)
            #expect(result.status != 0, "\(what)")
            #expect(!result.stderr.isEmpty, "\(what)")
            Self.expectClean(result, what, payload: index)
        }
    }

    @Test(arguments: payloads.indices)
    func databricksProfileNamesAndErrorCodesAreSanitized(payload index: Int) async throws {
        let payload = Self.payloads[index]
        let fixture = StoreFixture()
        try fixture.sealWithAge(SampleEnvelope.json(), connector: "acme")
        let config = fixture.folder + "/databrickscfg"
        try "[\(payload)]\nhost = https://adb.example\n[other\(payload)]\ntoken = x\n".write(toFile: config, atomically: true, encoding: .utf8)
        let noProfile = try fixture.lakeflowAuth(["connection", "create", "acme", "acme_prod", "--databricks-profile", "missing\(payload)"],
                                                 environment: ConnectionCommandTests.noDatabricks.merging(["DATABRICKS_CONFIG_FILE": config]) { $1 })
        #expect(noProfile.status == 2)
        #expect(noProfile.stderr.contains("has no profile"), "\(noProfile.stderr)")
        Self.expectClean(noProfile, "profile names", payload: index)

        let server = LoopbackServer { _ in
            .respond(HTTPResponse(status: 400, headers: [("Content-Type", "application/json")],
                                  body: Data(JSONValue.object([("error_code", .string("BAD\(payload)")),
                                                               ("message", .string("no \(payload) here"))]).serialized().utf8)))
        }
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let refused = try fixture.lakeflowAuth(["connection", "create", "acme", "acme_prod"],
                                               environment: ConnectionCommandTests.tokenEnvironment(url))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("Databricks refused to create connection acme_prod (BAD"), "\(refused.stderr)")
        Self.expectClean(refused, "Databricks' error", payload: index)
    }

    @Test(arguments: payloads.indices)
    func storedTextIsListedAndShownSanitized(payload index: Int) throws {
        let payload = Self.payloads[index]
        let fixture = StoreFixture()
        let escaped = JSONValue.string("key\(payload)").serialized()
        let identity = JSONValue.string("alice\(payload)").serialized()
        try fixture.sealWithAge(#"{"format":1,"connector":"acme","auth_method":\#(escaped),"options":{\#(escaped):\#(identity)},"secret_options":[],"saved_at":"2025-06-15T15:06:40Z","probe":{"ok":true,"status":200,"at":"2025-06-15T15:06:41Z","identity":\#(identity)}}"#,
                                connector: "acme")
        for arguments in [["list"], ["show", "acme"], ["show", "acme", "--reveal"], ["show", "acme", "--json"]] {
            let result = try fixture.lakeflowAuth(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains(arguments == ["list"] ? "key" : "alice"), "\(arguments): \(result.stdout)")
            Self.expectClean(result, arguments.joined(separator: " "), payload: index)
        }
    }

    @Test(arguments: payloads.indices)
    func aGeneratedSpecEscapesWhatItCannotShow(payload index: Int) throws {
        let payload = Self.payloads[index]
        let fixture = StoreFixture()
        let specs = fixture.folder + "/specs"
        try FileManager.default.createDirectory(atPath: specs + "/echo", withIntermediateDirectories: true)
        let quoted = JSONValue.string(payload).serialized()
        try """
            display_name: \(JSONValue.string("Echo \(payload)").serialized())
            options:
              - name: api_key
                secret: true
                description: \(JSONValue.string("The key \(payload) as issued.").serialized())
                choices: ["plain", "other"]
            oauth:
              flow: m2m
              token_url: https://id.example/token
              scopes: \(quoted)
            """.write(toFile: specs + "/echo/options.yaml", atomically: true, encoding: .utf8)
        let environment = ["LAKEFLOW_AUTH_SPECS": specs]
        let rendered = try fixture.lakeflowAuth(["spec", "echo", "--output", "-"], environment: environment)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("connection:"))
        Self.expectClean(rendered, "spec --output -", payload: index)
        // What the file says is what the declarations said: escaped, not lost.
        let written = fixture.folder + "/echo-spec.yaml"
        try rendered.stdout.write(toFile: written, atomically: true, encoding: .utf8)
        let loaded = try SpecLoader.load(path: written, connector: "echo")
        #expect(loaded.displayName == "Echo \(payload)")
        #expect(loaded.options.first?.description == SpecRulesView.normalized("The key \(payload) as issued."))
        let inspected = try fixture.lakeflowAuth(["spec", "inspect", "echo", "--json"], environment: environment)
        #expect(inspected.status == 0, "\(inspected.stderr)")
        Self.expectClean(inspected, "spec inspect --json", payload: index)
    }
}

/// Descriptions are normalised on load (runs of white space, line separators among them, become one
/// space), so the round trip is compared with what loading the declarations gives.
enum SpecRulesView {
    static func normalized(_ description: String) -> String {
        (try? SpecLoader.load(text: "options:\n  - name: x\n    description: \(JSONValue.string(description).serialized())\n",
                              path: "x/options.yaml"))?.options.first?.description ?? description
    }
}
