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
    /// `--dry-run`: the form (or the environment) gives the values, then the check's requests are
    /// printed instead of sent, and nothing is stored.
    var dryRun: DryRunOutput?

    /// `--from-env`: values from the environment (over those of `envFile`), one summary line on success.
    /// An OAuth code flow without a refresh token prints its authorization link on a line of its own
    /// and waits for the callback, so a person can authorize a CI setup once from any browser.
    func runHeadless(envFile: String?, oauthTimeout: Duration) async throws {
        let fileValues = try envFile.map { try EnvFile.load(path: $0) } ?? [:]
        if let dryRun {
            let values = fileValues.merging(environment) { _, real in real }
            let credentials = try HeadlessForm.credentials(spec: spec, environment: values, authMethod: authMethod)
            return try dryRun.show(credentials, spec: spec, environment: values)
        }
        let authorization = oauthAuthorization(presenter: { url in
            FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
            Diagnostics.note("open that link in a browser to authorize \(spec.title) (Ctrl-C to stop)")
        }, callbackTimeout: oauthTimeout)
        let setup = HeadlessSetup(spec: spec, environment: fileValues.merging(environment) { _, real in real },
                                  authMethod: authMethod, check: check, store: CredentialStore(environment: environment),
                                  authorization: authorization)
        print(try await setup.run().summary)
    }

    /// The form in a browser: its link first on stdout, on a line of its own, for whoever ran the command
    /// to pass on; the summary last, as `--from-env` prints it.
    func runBrowserForm(_ options: BrowserFormOptions) async throws {
        // The page asks for the identity's passphrase and shows the OAuth step's Authorize link.
        let prompts = BrowserPrompts()
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: environment), check: check,
                                   passphrasePrompt: prompts.passphrasePrompt,
                                   authorization: oauthAuthorization(presenter: prompts.authorizationPresenter),
                                   endsAtValidation: dryRun != nil)
        var options = options
        options.authMethod = authMethod
        try await endingInDryRun {
            let saved = try await BrowserForm.run(session: session, prompts: prompts, options: options) { link in
                // Written straight to the descriptor: `print` would sit in a pipe's buffer until exit.
                FileHandle.standardOutput.write(Data((link.absoluteString + "\n").utf8))
                Diagnostics.note("open that link to fill in the \(spec.title) form; it works once (Ctrl-C to stop)")
            }
            print(saved.summary)
        }
    }

    /// The line-by-line form on the controlling terminal.
    func runPlainForm() async throws {
        let terminal = try TerminalIO(connector: spec.connector, farewell: Diagnostics.text(PlainFormError.cancelled.message))
        // The passphrase, when needed, is asked at the terminal, and an OAuth step's link is shown there.
        let link = PlainAuthorizationLink(title: spec.title, opensBrowser: opensBrowser, environment: environment)
        defer { link.close() }
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: environment), check: check,
                                   passphrasePrompt: TerminalPassphrase.sessionPrompt,
                                   authorization: oauthAuthorization(presenter: link.present), endsAtValidation: dryRun != nil)
        let snapshot = try await session.prefill(environment: environment, authMethod: authMethod)
        var form = PlainFormSession(session: session, snapshot: snapshot, console: terminal,
                                    style: .forStandardOutput(environment: environment))
        try await endingInDryRun { _ = try await form.run() }
    }

    /// Runs a form; with `--dry-run`, its valid values end it (`DryRunReady`) and the plan is printed.
    func endingInDryRun(_ form: () async throws -> Void) async throws {
        do {
            try await form()
        } catch let ready as DryRunReady {
            guard let dryRun else { throw ready }
            try dryRun.show(ready.credentials, spec: spec, environment: environment)
        }
    }

    /// The OAuth step, for a spec that declares one, showing its link with `presenter`.
    func oauthAuthorization(presenter: @escaping OAuthAuthorization.Presenter,
                            callbackTimeout: Duration = OAuthAuthorization.defaultCallbackTimeout) -> OAuthAuthorization {
        OAuthAuthorization(presenter: presenter, callbackTimeout: callbackTimeout, probeTimeout: probeTimeout)
    }

    private var check: SetupSession.Check? {
        probes ? SetupSession.probe(spec, timeout: probeTimeout) : nil
    }
}
