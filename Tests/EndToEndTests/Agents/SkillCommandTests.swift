import AcmeSandbox
import Foundation
import Testing

/// Every command the skill texts show (`integrations/lakeflow-community-connectors/skills`) runs as
/// written, `{{source_name}}` being `acme`: in a folder shaped like a lakeflow-community-connectors
/// checkout, against the Acme sandbox, in the skills' order. The browser form runs in the background
/// as the skills say, and is filled over HTTP as its page posts it, so the commands after it find
/// the credentials stored.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct SkillCommandTests {
    static let skills = LakeflowAuthProcess.packageRoot.appendingPathComponent("integrations/lakeflow-community-connectors/skills")
    /// In the order an agent follows them.
    static let order = ["authenticate-source", "collect-credentials", "validate-connector-auth"]
    static let placeholder = "{{source_name}}"

    /// The lines of a skill's fenced `sh` blocks.
    static func commands(in skill: String) throws -> [String] {
        let text = try String(contentsOf: skills.appendingPathComponent("\(skill)/SKILL.md"), encoding: .utf8)
        var commands: [String] = []
        var inShell = false, inOther = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if inShell || inOther {
                    inShell = false
                    inOther = false
                } else {
                    let language = trimmed.dropFirst(3)
                    inShell = ["sh", "bash", "shell", "console"].contains(language)
                    inOther = !inShell
                }
            } else if inShell, !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                commands.append(trimmed)
            }
        }
        return commands
    }

    @Test func everySkillShowsCommandsAndNamesTheConnectorOnlyByThePlaceholder() throws {
        for skill in Self.order {
            let commands = try Self.commands(in: skill)
            #expect(!commands.isEmpty, "\(skill) shows no command")
            for command in commands {
                #expect(command.hasPrefix("lakeflow-auth ") || command.contains(" lakeflow-auth "), "\(skill): \(command)")
                #expect(!command.contains("acme"), "\(skill) names a connector in \(command)")
            }
        }
    }

    @Test func everyCommandRunsAsWrittenAgainstTheSandbox() async throws {
        let python = try LakeflowAuthProcess.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", "python3 -m pytest --version"],
                                                 environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        guard python.status == 0 else {
            Issue.record("python3 with pytest is not installed (.ci/run installs python3-pytest): \(python.stderr)")
            return
        }
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-skills-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let checkout = try Self.makeCheckout(in: root)
            let environment = [
                "PATH": root.appendingPathComponent("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "HOME": root.path, "LAKEFLOW_AUTH_HOME": root.appendingPathComponent("store").path, "NO_COLOR": "1",
                "ACME_BASE_URL": url.absoluteString, "PYTHONDONTWRITEBYTECODE": "1",
            ]
            var ran = 0, formsFilled = 0
            for skill in Self.order {
                for written in try Self.commands(in: skill) {
                    let command = written.replacingOccurrences(of: Self.placeholder, with: "acme")
                    if command.contains("--browser") {
                        try Self.fillForm(started: command, sandbox: url, environment: environment, checkout: checkout)
                        formsFilled += 1
                    } else {
                        let result = try LakeflowAuthProcess.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", command],
                                                                 environment: environment, workingDirectory: checkout, timeout: 60)
                        #expect(result.status == 0, "\(skill): `\(written)` exited \(result.status)\n\(result.stdout)\n\(result.stderr)")
                        if command.contains("--json") { try Self.expectJSON(result.stdout, from: written) }
                        #expect(!result.stdout.contains(AcmeSandboxConfiguration.demo.workspaces[0].apiKeys[0].key))
                    }
                    ran += 1
                }
            }
            #expect(ran >= 6)
            #expect(formsFilled == 1, "collect-credentials starts the browser form once")
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    /// A checkout as far as the skills need one: acme's spec where upstream keeps a connector's (its
    /// declarations, which carry acme's check), a test of its own that reads what `exec` hands over,
    /// and `lakeflow-auth` on the PATH.
    static func makeCheckout(in root: URL) throws -> URL {
        let files = FileManager.default
        let checkout = root.appendingPathComponent("checkout")
        let sources = checkout.appendingPathComponent("src/databricks/labs/community_connector/sources/acme")
        let tests = checkout.appendingPathComponent("tests/unit/sources/acme")
        let bin = root.appendingPathComponent("bin")
        for folder in [sources, tests, bin] { try files.createDirectory(at: folder, withIntermediateDirectories: true) }
        try files.copyItem(at: LakeflowAuthProcess.packageRoot.appendingPathComponent("specs/acme/options.yaml"),
                           to: sources.appendingPathComponent("options.yaml"))
        try files.createSymbolicLink(at: bin.appendingPathComponent("lakeflow-auth"), withDestinationURL: try LakeflowAuthProcess.builtBinary())
        try """
            import json
            import os


            def test_the_stored_options_arrive():
                config = json.loads(os.environ["CONNECTOR_TEST_CONFIG_JSON"])
                assert config["workspace"] == "demo-workspace"
                assert config["api_key"] == os.environ["ACME_API_KEY"]
                assert os.environ["CONNECTOR_TEST_MODE"] in ("live", "record")

            """.write(to: tests.appendingPathComponent("test_acme_config.py"), atomically: true, encoding: .utf8)
        return checkout
    }

    /// Starts the form command in the background, reads its first line, fills the form as the person
    /// would, and reads on to `saved`.
    static func fillForm(started command: String, sandbox: URL, environment: [String: String], checkout: URL) throws {
        let form = try EventProcess(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", command], environment: environment,
                                    workingDirectory: checkout)
        defer { form.stop() }
        let first = try form.nextEvent()
        #expect(first["event"] as? String == "url", "\(command)")
        let address = try #require(first["url"] as? String)
        let visit = try FormVisit(link: try #require(URL(string: address)))
        let demo = AcmeSandboxConfiguration.demo.workspaces[0]
        try visit.post([("action", "submit"), ("auth_method", "api_key"), ("workspace", demo.slug),
                        ("base_url", sandbox.absoluteString), ("region", "us"), ("api_key", demo.apiKeys[0].key)])
        let events = try form.events(through: "saved")
        #expect(events.last?["verified"] as? Bool == true)
        #expect(form.exitStatus() == 0, "\(form.errorOutput)")
    }

    /// A `--json` command's stdout: JSON lines (events), or one JSON document (`status`, `spec inspect`).
    static func expectJSON(_ stdout: String, from command: String) throws {
        if (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) != nil { return }
        for line in stdout.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "`\(command)` wrote \(line)")
        }
    }
}
