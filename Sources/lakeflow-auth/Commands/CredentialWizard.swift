import Foundation
import LakeflowAuthBrowser
import LakeflowAuthCore
import LakeflowAuthTerminal

/// Wires the front ends to the core's `SetupSession` for one connector: the headless path and the
/// interactive form. `lakeflow-auth <connector>` and `lakeflow-auth demo` both run it.
struct CredentialWizard {
    let spec: ConnectorSpec
    let environment: [String: String]
    let authMethod: String?
    let probes: Bool
    let probeTimeout: Duration
    /// False with `--no-open`: no form opens a browser, neither on its own link nor on an OAuth step's.
    var opensBrowser = true
    /// False for the demo, whose throwaway identity is no one's to back up.
    var notesIdentity = true
    /// Which credential set of the connector is set up (`--profile`).
    var profile = ProfileName.default
    /// `rotate`: only the secret options are asked, the rest stays as stored.
    var asksOnlyForSecrets = false
    /// Where the credentials go; `rotate` gives the store it unlocked, so no form asks for the passphrase again.
    var unlockedStore: CredentialStore?
    /// `--redirect-uri`: where every form's and the headless code flow's provider sends the browser back.
    var redirect = OAuthRedirect.standard
    /// `--dry-run`: the form (or the environment) gives the values, then the check's requests are
    /// printed instead of sent, and nothing is stored.
    var dryRun: DryRunOutput?

    /// `--from-env`: values from the environment (over those of `envFile`), one summary line on success.
    /// An OAuth code flow without a refresh token prints its authorization link on a line of its own
    /// and waits for the callback, or for the address the browser ended on, pasted on standard input;
    /// with `device`, it prints the device authorization's page and code instead, and polls. So a person
    /// can authorize a CI setup once from any browser.
    @discardableResult
    func runHeadless(envFile: String?, oauthTimeout: Duration, device: Bool = false) async throws -> SavedSetup {
        let fileValues = try envFile.map { try EnvFile.load(path: $0) } ?? [:]
        let values = fileValues.merging(environment) { _, real in real }
        if dryRun != nil {
            throw DryRunReady(credentials: try HeadlessForm.credentials(spec: spec, environment: values, authMethod: authMethod))
        }
        HeadlessForm.variablesOutsidePrefix(spec: spec, environment: values).forEach { Diagnostics.note("note: " + $0) }
        let wait = OAuthAuthorizationWait()
        var authorization = oauthAuthorization(presenter: { url in
            FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
            Diagnostics.note("open that link in a browser to authorize \(spec.title) (Ctrl-C to stop)")
            if isatty(STDIN_FILENO) == 1 {
                Diagnostics.note("if the browser is on another machine, paste here the address it ended on, then press Enter")
            }
            PastedRedirectReader.start(wait) { refusal in Diagnostics.warn(refusal) }
        }, callbackTimeout: oauthTimeout).answering(with: wait)
        if device {
            let endpointVariable = EnvVarName.forOption(OAuthEndpoints.deviceAuthorizationURLKey, connector: spec.connector)
            authorization = authorization.viaDevice(presenter: { code in
                FileHandle.standardOutput.write(Data(((code.verificationURIComplete ?? code.verificationURI).absoluteString + "\n").utf8))
                Diagnostics.note("open \(code.verificationURI.absoluteString) on any device and enter the code \(code.userCode) "
                                 + "to authorize \(spec.title) (Ctrl-C to stop)")
            }, endpoint: values[endpointVariable])
        }
        let setup = HeadlessSetup(spec: spec, environment: values,
                                  authMethod: authMethod, check: check, store: store, authorization: authorization,
                                  profile: profile, asksOnlyForSecrets: asksOnlyForSecrets)
        let saved = try await setup.run()
        HumanOutput.line(saved.summary)
        noteAfterSaving(saved)
        return saved
    }

    /// The form in a browser: its link first on stdout, on a line of its own, for whoever ran the command
    /// to pass on; the summary last, as `--from-env` prints it.
    @discardableResult
    func runBrowserForm(_ options: BrowserFormOptions) async throws -> SavedSetup {
        // The page asks for the identity's passphrase and shows the OAuth step's Authorize link.
        let prompts = BrowserPrompts()
        let session = SetupSession(form: form, store: store, check: check,
                                   passphrasePrompt: prompts.passphrasePrompt,
                                   authorization: oauthAuthorization(presenter: prompts.authorizationPresenter),
                                   endsAtValidation: dryRun != nil)
        var options = options
        options.authMethod = authMethod
        let saved = try await BrowserForm.run(session: session, prompts: prompts, options: options) { link in
            // Written straight to the descriptor: `print` would sit in a pipe's buffer until exit.
            FileHandle.standardOutput.write(Data((link.absoluteString + "\n").utf8))
            Diagnostics.note("open that link to fill in the \(spec.title) form; it works once (Ctrl-C to stop)")
            noteSSHForwarding(formPort: link.port)
        }
        HumanOutput.line(saved.summary)
        noteAfterSaving(saved)
        return saved
    }

    /// The line-by-line form on the controlling terminal.
    @discardableResult
    func runPlainForm() async throws -> SavedSetup {
        let terminal = try TerminalIO(connector: spec.connector, farewell: Diagnostics.text(PlainFormError.cancelled.message))
        // The passphrase, when needed, is asked at the terminal, and an OAuth step's link is shown there.
        let link = PlainAuthorizationLink(title: spec.title, opensBrowser: opensBrowser, environment: environment)
        defer { link.close() }
        let session = SetupSession(form: form, store: store, check: check,
                                   passphrasePrompt: TerminalPassphrase.sessionPrompt,
                                   authorization: oauthAuthorization(presenter: link.present), endsAtValidation: dryRun != nil)
        let snapshot = try await session.prefill(environment: environment, authMethod: authMethod)
        var plainForm = PlainFormSession(session: session, snapshot: snapshot, console: terminal,
                                         style: .forStandardOutput(environment: environment))
        let saved = try await plainForm.run()
        noteAfterSaving(saved)
        return saved
    }

    /// What the core asks to be said once credentials are saved, after whatever the form showed: on the
    /// terminal, where it stays when a full-screen form or a browser tab has gone.
    func noteAfterSaving(_ saved: SavedSetup) {
        if notesIdentity, let notice = saved.identityNotice { Diagnostics.note(notice.message, hints: notice.hints) }
    }

    /// Over SSH, the browser form is on this machine's loopback and the person's browser on theirs: the
    /// line that forwards its port, and the OAuth callback's when `--redirect-uri` fixes one.
    private func noteSSHForwarding(formPort: Int?) {
        guard let formPort else { return }
        let callbackPort = spec.oauthConfiguration?.flow == .u2m ? redirect.port.map(Int.init) : nil
        guard let line = SSHPortForward.command(ports: [formPort] + [callbackPort].compactMap { $0 }, environment: environment) else { return }
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
            try dryRun.show(ready.credentials, spec: spec, environment: environment)
        }
    }

    /// The OAuth step, for a spec that declares one, showing its link with `presenter`.
    func oauthAuthorization(presenter: @escaping OAuthAuthorization.Presenter,
                            callbackTimeout: Duration = OAuthAuthorization.defaultCallbackTimeout) -> OAuthAuthorization {
        OAuthAuthorization(presenter: presenter, callbackTimeout: callbackTimeout, probeTimeout: probeTimeout, redirect: redirect)
    }

    /// The form every front end starts from: the profile's, asking only for secrets in a rotation.
    var form: Form {
        let form = Form(spec: spec, profile: profile)
        return asksOnlyForSecrets ? form.askingOnlyForSecrets() : form
    }

    var store: CredentialStore { unlockedStore ?? CredentialStore(environment: environment) }

    private var check: SetupSession.Check? {
        probes ? SetupSession.probe(spec, timeout: probeTimeout) : nil
    }
}
