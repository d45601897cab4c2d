import Foundation
import LakeflowAuthBrowser
import LakeflowAuthCore
import LakeflowAuthTerminal

/// Wires the front ends to the core for one connector: each gets a session from the same
/// `SetupPlan`. `lakeflow-auth <connector>` and `lakeflow-auth demo` both run it.
struct CredentialWizard {
    let plan: SetupPlan

    /// `--from-env`: values from the environment (over those of `envFile`), one summary line on success.
    /// An OAuth code flow without a refresh token prints its authorization link on a line of its own
    /// (with `--json`, its `url` event) and waits for the callback, so a person can authorize a CI
    /// setup once from any browser.
    func runHeadless(envFile: String?) async throws {
        var plan = self.plan
        let fileValues = try envFile.map { try EnvFile.load(path: $0) } ?? [:]
        plan.values = fileValues.merging(plan.environment) { _, real in real }
        let title = plan.spec.title
        let writesLink = plan.events == nil
        let setup = HeadlessSetup(plan: plan) { step in
            if writesLink { FileHandle.standardOutput.write(Data((step.url.absoluteString + "\n").utf8)) }
            Diagnostics.note("open that link in a browser to authorize \(title) (Ctrl-C to stop)")
        }
        tell(try await setup.run())
    }

    /// The form in a browser: its link first on stdout, on a line of its own (with `--json`, the first
    /// event), for whoever ran the command to pass on; the summary last, as `--from-env` prints it.
    func runBrowserForm(_ options: BrowserFormOptions) async throws {
        let title = plan.spec.title
        let events = plan.events
        let saved = try await BrowserForm.run(plan: plan, options: options) { link in
            if let events {
                events.write(.url(link, purpose: .form))
            } else {
                // Written straight to the descriptor: `print` would sit in a pipe's buffer until exit.
                FileHandle.standardOutput.write(Data((link.absoluteString + "\n").utf8))
            }
            Diagnostics.note("open that link to fill in the \(title) form; it works once (Ctrl-C to stop)")
        }
        tell(saved)
    }

    /// The summary of a save: the last line on stdout, or on stderr when stdout carries `--json`'s
    /// events (whose `saved` says the same).
    func tell(_ saved: SavedSetup) {
        if plan.events == nil {
            print(saved.summary)
        } else {
            Diagnostics.note(saved.summary)
        }
    }

    /// The line-by-line form on the controlling terminal.
    func runLineForm() async throws {
        let terminal = try TerminalIO(connector: plan.spec.connector, farewell: Diagnostics.text(SetupCancelled.byPerson.message))
        try await runLineForm(on: terminal, session: await plan.session())
    }

    func runLineForm(on terminal: TerminalIO, session: SetupSession) async throws {
        var form = await LineForm(session: session, console: terminal, style: .forStandardOutput(environment: plan.environment))
        _ = try await form.run()
    }
}
