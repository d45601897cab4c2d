import AcmeSandbox
import ArgumentParser
import FoundationEssentials
import Glibc
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

    @Flag(help: "Keep the demo's temporary home (its identity and stored credentials) when the demo ends.")
    var keep = false

    func run() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-demo-\(getpid())").path
        var environment = ProcessInfo.processInfo.environment
        environment["LAKEFLOW_AUTH_HOME"] = home
        // The built-in Acme, whatever specs lie around: the sandbox answers to exactly that one.
        var spec = try ResolvedSpec.builtIn("acme").load()
        spec.setDefault(url.absoluteString, for: "base_url")
        let demo = AcmeSandboxConfiguration.demo.workspaces[0]
        let introduction = [
            "Acme sandbox listening on \(url.absoluteString) (it stops when the demo ends).",
            "Try workspace \(demo.slug) with API key \(demo.apiKeys[0].key), or user \(demo.users[0].username) "
                + "with password \(demo.users[0].password); key \(demo.apiKeys[1].key) lacks permission, anything else is rejected.",
            "Credentials go to \(home), \(keep ? "kept after the demo" : "removed when the demo ends (--keep keeps it)").",
        ]
        var wizard = CredentialWizard(plan: SetupPlan(spec: spec, environment: environment, authMethod: nil, checks: true))
        wizard.notesIdentity = false
        do {
            if plain {
                HumanOutput.line(introduction.joined(separator: "\n") + "\n")
                try await wizard.runLineForm()
            } else {
                try await wizard.runInteractiveForm(note: introduction)
            }
        } catch {
            await sandbox.stop()
            removeUnlessKept(home)
            throw error
        }
        await sandbox.stop()
        if keep {
            // Spelled as the person started this binary, so the line works pasted into the same shell.
            let invocation = TerminalText.sanitized(CommandLine.arguments.first ?? "lakeflow-auth")
            HumanOutput.line("\nKept \(home). See what was stored: LAKEFLOW_AUTH_HOME=\(home) \(invocation) show acme")
        } else {
            removeUnlessKept(home)
            HumanOutput.line("\nRemoved the demo's temporary home \(home); `lakeflow-auth demo --keep` keeps it to look at.")
        }
    }

    private func removeUnlessKept(_ home: String) {
        guard !keep else { return }
        try? FileManager.default.removeItem(atPath: home)
    }
}
