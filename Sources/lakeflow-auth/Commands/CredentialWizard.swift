import FoundationEssentials
import Glibc
import LakeflowAuthBrowser
import LakeflowAuthCore
import LakeflowAuthTerminal

/// Wires the front ends to the core for one connector: each gets a session from the same
/// `SetupPlan`. `lakeflow-auth <connector>`, `rotate` and `lakeflow-auth demo` run it.
struct CredentialWizard {
    var plan: SetupPlan
    /// False for the demo, whose throwaway identity is no one's to back up.
    var notesIdentity = true
    /// `--dry-run`: the form (or the environment) gives the values, then the check's requests are
    /// printed instead of sent, and nothing is stored.
    var dryRun: DryRunOutput?

    init(plan: SetupPlan) {
        self.plan = plan
    }

    /// `--from-env`: values from the environment (over those of `envFile`), one summary line on success.
    /// An OAuth code flow without a refresh token prints its authorization link on a line of its own
    /// (with `--json`, its `url` event) and waits for the callback, or for the address the browser ended
    /// on, pasted on standard input; with `device`, it prints the device authorization's page and code
    /// instead, and polls. So a person can authorize a CI setup once from any browser.
    @discardableResult
    func runHeadless(envFile: String?, device: Bool = false) async throws -> SavedSetup {
        var plan = self.plan
        let fileValues = try envFile.map { try EnvFile.load(path: $0) } ?? [:]
        plan.values = fileValues.merging(plan.environment) { _, real in real }
        if dryRun != nil {
            throw DryRunReady(credentials: try HeadlessForm.credentials(spec: plan.spec, environment: plan.values, authMethod: plan.authMethod))
        }
        HeadlessForm.variablesOutsidePrefix(spec: plan.spec, environment: plan.values).forEach { Diagnostics.note("note: " + $0) }
        let title = plan.spec.title
        let writesLink = plan.events == nil
        if device {
            let endpointVariable = EnvVarName.forOption(OAuthEndpoints.deviceAuthorizationURLKey, connector: plan.spec.connector)
            plan.deviceEndpoint = plan.values[endpointVariable]
            plan.devicePresenter = { code in
                if writesLink {
                    StandardStreams.writeOutput((code.verificationURIComplete ?? code.verificationURI).absoluteString + "\n")
                }
                Diagnostics.note("open \(code.verificationURI.absoluteString) on any device and enter the code \(code.userCode) "
                                 + "to authorize \(title) (Ctrl-C to stop)")
            }
        }
        let setup = HeadlessSetup(plan: plan) { step, session in
            if writesLink { StandardStreams.writeOutput(step.url.absoluteString + "\n") }
            Diagnostics.note("open that link in a browser to authorize \(title) (Ctrl-C to stop)")
            if isatty(STDIN_FILENO) == 1 {
                Diagnostics.note("if the browser is on another machine, paste here the address it ended on, then press Enter")
            }
            PastedRedirectReader.start(session.authorizationWait) { refusal in Diagnostics.warn(refusal) }
        }
        let saved = try await setup.run()
        tell(saved)
        return saved
    }

    /// The form in a browser: its link first on stdout, on a line of its own (with `--json`, the first
    /// event), for whoever ran the command to pass on; the summary last, as `--from-env` prints it.
    @discardableResult
    func runBrowserForm(_ options: BrowserFormOptions) async throws -> SavedSetup {
        let title = plan.spec.title
        let events = plan.events
        let saved = try await BrowserForm.run(plan: plan, options: options) { link in
            if let events {
                events.write(.url(link, purpose: .form))
            } else {
                // Written straight to the descriptor: `print` would sit in a pipe's buffer until exit.
                StandardStreams.writeOutput(link.absoluteString + "\n")
            }
            Diagnostics.note("open that link to fill in the \(title) form; it works once (Ctrl-C to stop)")
            noteSSHForwarding(formPort: link.port)
        }
        tell(saved)
        return saved
    }

    /// The summary of a save: the last line on stdout, or on stderr when stdout carries `--json`'s
    /// events (whose `saved` says the same); then what the core asks to be said once credentials are
    /// saved, on the terminal, where it stays when a full-screen form or a browser tab has gone.
    func tell(_ saved: SavedSetup) {
        if plan.events == nil {
            HumanOutput.line(saved.summary)
        } else {
            Diagnostics.note(saved.summary)
        }
        if notesIdentity, let notice = saved.identityNotice { Diagnostics.note(notice.message, hints: notice.hints) }
    }

    /// The line-by-line form on the controlling terminal.
    @discardableResult
    func runLineForm() async throws -> SavedSetup {
        let terminal = try TerminalIO(connector: plan.spec.connector, farewell: Diagnostics.text(SetupCancelled.byPerson.message))
        return try await runLineForm(on: terminal, session: await plan.session())
    }

    func runLineForm(on terminal: TerminalIO, session: SetupSession) async throws -> SavedSetup {
        var form = await LineForm(session: session, console: terminal, style: .forStandardOutput(environment: plan.environment))
        let saved = try await form.run()
        if notesIdentity, let notice = saved.identityNotice { Diagnostics.note(notice.message, hints: notice.hints) }
        return saved
    }

    /// Over SSH, the browser form is on this machine's loopback and the person's browser on theirs: the
    /// line that forwards its port, and the OAuth callback's when `--redirect-uri` fixes one.
    private func noteSSHForwarding(formPort: Int?) {
        guard let formPort else { return }
        let spec = plan.spec
        let redirect = plan.redirect
        let callbackPort = spec.oauthConfiguration?.flow == .u2m ? redirect.port.map(Int.init) : nil
        guard let line = SSHPortForward.command(ports: [formPort] + [callbackPort].compactMap { $0 }, environment: plan.environment)
        else { return }
        Diagnostics.note("over SSH, forward the port from your own machine first: \(line)")
        if spec.oauthConfiguration?.flow == .u2m, redirect.port == nil {
            Diagnostics.note("the OAuth step's callback listens on a port of its own: pass --redirect-uri with a port to forward it too")
        }
    }

    /// Runs a form; with `--dry-run`, its valid values end it (`DryRunReady`) and the plan is printed.
    func endingInDryRun(_ form: () async throws -> SavedSetup) async throws {
        do {
            _ = try await form()
        } catch let ready as DryRunReady {
            guard let dryRun else { throw ready }
            try dryRun.show(ready.credentials, spec: plan.spec, environment: plan.values)
        }
    }
}
