import Foundation
import SharedCorpus
import Testing

/// `lakeflow-auth spec …` as a person or CI runs it: the built binary, its exit status, stdout and stderr.
@Suite("spec commands")
struct SpecCommandTests {
    static let acmeFolder = LakeflowAuthProcess.packageRoot.appendingPathComponent("specs/acme")

    static func run(_ arguments: [String], environment: [String: String] = [:],
                    in folder: URL? = nil) throws -> LakeflowAuthProcess.Result {
        let result = try LakeflowAuthProcess.run(arguments, environment: environment, workingDirectory: folder)
        #expect(!result.timedOut, "lakeflow-auth \(arguments.joined(separator: " ")) timed out")
        return result
    }

    /// A scratch copy of specs/acme under a fresh `LAKEFLOW_AUTH_SPECS` folder.
    static func acmeCopy() throws -> URL {
        let specs = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: acmeFolder, to: specs.appendingPathComponent("acme"))
        return specs
    }

    static func expectNoCrash(_ result: LakeflowAuthProcess.Result) {
        for marker in ["Fatal error", "Stack dump", "Backtrace", "Current stack trace", "💣"] {
            #expect(!result.stderr.contains(marker), "stderr shows a crash: \(result.stderr)")
        }
    }

    @Test("spec acme --output - prints the committed connector_spec.yaml")
    func generateToStdout() throws {
        let result = try Self.run(["spec", "acme", "--output", "-"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let committed = try String(contentsOf: Self.acmeFolder.appendingPathComponent("connector_spec.yaml"), encoding: .utf8)
        #expect(result.stdout == committed)
        #expect(result.stderr.isEmpty)
    }

    @Test("spec acme --check exits 0 while the committed file is fresh")
    func checkFresh() throws {
        let result = try Self.run(["spec", "acme", "--check"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("spec acme --check exits 2 naming the file and line when stale; spec acme brings it up to date")
    func checkStale() throws {
        let specs = try Self.acmeCopy()
        defer { try? FileManager.default.removeItem(at: specs) }
        let declarations = specs.appendingPathComponent("acme/options.yaml")
        let generated = specs.appendingPathComponent("acme/connector_spec.yaml")
        let original = try String(contentsOf: declarations, encoding: .utf8)
        try original.replacingOccurrences(of: "display_name: Acme\n", with: "display_name: Acme Corp\n")
            .write(to: declarations, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: generated)
        let environment = ["LAKEFLOW_AUTH_SPECS": specs.path]

        let stale = try Self.run(["spec", "acme", "--check"], environment: environment, in: specs)
        #expect(stale.status == 2)
        let lines = stale.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "lakeflow-auth: error: \(generated.path):5: stale: the declarations render "
            + "\"display_name: Acme Corp\" here, the file has \"display_name: Acme\"")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("lakeflow-auth: hint: ") } && lines.count == 2)
        #expect(try Data(contentsOf: generated) == before, "--check must not write")
        Self.expectNoCrash(stale)

        let write = try Self.run(["spec", "acme"], environment: environment, in: specs)
        #expect(write.status == 0, "stderr: \(write.stderr)")
        #expect(try String(contentsOf: generated, encoding: .utf8).contains("display_name: Acme Corp\n"))
        let fresh = try Self.run(["spec", "acme", "--check"], environment: environment, in: specs)
        #expect(fresh.status == 0, "stderr: \(fresh.stderr)")
    }

    @Test("spec inspect FILE --json prints the normalized model of a declarations file")
    func inspectDeclarations() throws {
        let result = try Self.run(["spec", "inspect", "specs/acme/options.yaml", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["display_name", "parameters", "auth_methods", "oauth", "external_options_allowlist"])
        #expect(json["display_name"] as? String == "Acme")
        let parameters = try #require(json["parameters"] as? [[String: Any]])
        #expect(parameters.compactMap { $0["name"] as? String } == ["workspace", "base_url", "region"])
        #expect(json["external_options_allowlist"] as? [String] == ["max_records_per_batch", "window_seconds", "start_timestamp"])
        #expect(result.stdout.hasPrefix("{\n  \"display_name\": \"Acme\",\n  \"parameters\": ["))
    }

    @Test("spec inspect FILE --json reads a real connector_spec.yaml, oauth as YAML typed it",
          SharedCorpus.connectorSpecs.required)
    func inspectRealSpec() throws {
        let result = try Self.run(["spec", "inspect", Self.gmail, "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["display_name"] as? String == "Gmail")
        let parameters = try #require(json["parameters"] as? [[String: Any]])
        #expect(parameters.compactMap { $0["name"] as? String } == ["client_id", "client_secret", "user_id"])
        #expect(result.stdout.contains("\"pkce\": false"))
        #expect(result.stdout.contains("\"external_options_allowlist\": [\n    \"q\",\n    \"labelIds\""))
    }

    static let gmail = SharedCorpus.connectorSpecs.spec("gmail")

    @Test("a bad spec exits 2 with file:line:col on stderr and no stack trace")
    func badSpec() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-e2e-\(UUID().uuidString)/broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let file = folder.appendingPathComponent("connector_spec.yaml")
        try "connection:\n  parameters:\n    - type: string\n      required: true\n".write(to: file, atomically: true, encoding: .utf8)

        let result = try Self.run(["spec", "inspect", file.path, "--json"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let first = try #require(result.stderr.split(separator: "\n").first.map(String.init))
        #expect(first.hasPrefix("lakeflow-auth: error: \(file.path):3:7: "), "stderr: \(result.stderr)")
        #expect(first.contains("\"name\""))
        Self.expectNoCrash(result)
    }

    @Test("an unknown flag exits 2 with one error line and a hint")
    func unknownFlag() throws {
        let result = try Self.run(["spec", "acme", "--frobnicate"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("lakeflow-auth: error: ") == true, "stderr: \(result.stderr)")
        #expect(lines.first?.contains("--frobnicate") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("lakeflow-auth: hint: ") })
        Self.expectNoCrash(result)
    }

    @Test("an unknown connector exits 2 and says where it looked")
    func unknownConnector() throws {
        let result = try Self.run(["spec", "inspect", "no_such_connector", "--json"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: no spec found for connector \"no_such_connector\"\n"))
    }
}
