import AcmeSandbox
import ArgumentParser
import Foundation
import LakeflowAuthCore

/// `lakeflow-auth demo`: the wizard for Acme against a copy of its API on 127.0.0.1, storing into a
/// throwaway home so a first try touches nothing of the user's.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try the wizard against a built-in Acme sandbox on 127.0.0.1."
    )

    @Flag(help: "Ask one question a line instead of the full-screen form.")
    var plain = false

    func run() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-demo-\(getpid())").path
        var environment = ProcessInfo.processInfo.environment
        environment["LAKEFLOW_AUTH_HOME"] = home
        var spec = try SpecLoader.load(path: try SpecResolver(environment: environment).resolve("acme"), connector: "acme")
        spec.setDefault(url.absoluteString, for: "base_url")
        let demo = AcmeSandboxConfiguration.demo.workspaces[0]
        let introduction = [
            "Acme sandbox listening on \(url.absoluteString) (it stops when the demo ends).",
            "Try workspace \(demo.slug) with API key \(demo.apiKeys[0].key), or user \(demo.users[0].username) "
                + "with password \(demo.users[0].password); key \(demo.apiKeys[1].key) lacks permission, anything else is rejected.",
            "Credentials go to \(home).",
        ]
        let wizard = CredentialWizard(spec: spec, environment: environment, authMethod: nil, probes: true,
                                      probeTimeout: ProbeClient.defaultTimeout)
        do {
            if plain {
                print(introduction.joined(separator: "\n") + "\n")
                try await wizard.runPlainForm()
            } else {
                try await wizard.runInteractiveForm(note: introduction)
            }
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
        print("\nSee what was stored: LAKEFLOW_AUTH_HOME=\(home) lakeflow-auth show acme")
    }
}
