import Foundation
import LakeflowAuthBrowser
import LakeflowAuthCore
import LakeflowAuthTerminal

/// Wires the front ends to the core for one connector: the headless path and the interactive form.
/// `lakeflow-auth <connector>` and `lakeflow-auth demo` both run it.
struct CredentialWizard {
    let spec: ConnectorSpec
    let environment: [String: String]
    let authMethod: String?
    let probes: Bool
    let probeTimeout: Duration

    /// `--from-env`: values from the environment (over those of `envFile`), one summary line on success.
    func runHeadless(envFile: String?) async throws {
        let fileValues = try envFile.map { try EnvFile.load(path: $0) } ?? [:]
        let setup = HeadlessSetup(spec: spec, environment: fileValues.merging(environment) { _, real in real },
                                  authMethod: authMethod, probe: probes ? ProbeClient() : nil,
                                  probeTimeout: probeTimeout, store: CredentialStore(environment: environment))
        print(try await setup.run().summary)
    }

    /// The form in a browser: its link first on stdout, on a line of its own, for whoever ran the command
    /// to pass on; the summary last, as `--from-env` prints it.
    func runBrowserForm(_ options: BrowserFormOptions) async throws {
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: environment),
                                   check: probes ? SetupSession.probe(spec, timeout: probeTimeout) : nil)
        _ = try await session.prefill(environment: environment, authMethod: authMethod)
        let saved = try await BrowserForm.run(session: session, options: options) { link in
            // Written straight to the descriptor: `print` would sit in a pipe's buffer until exit.
            FileHandle.standardOutput.write(Data((link.absoluteString + "\n").utf8))
            Diagnostics.note("open that link to fill in the \(spec.title) form; it works once (Ctrl-C to stop)")
        }
        print(saved.summary)
    }

    /// The line-by-line form on the controlling terminal.
    func runPlainForm() async throws {
        var form = Form(spec: spec)
        if let method = Form.requestedAuthMethod(flag: authMethod, connector: spec.connector, environment: environment) {
            try form.chooseAuthMethod(method)
        }
        let terminal = try TerminalIO(connector: spec.connector, farewell: Diagnostics.text(PlainFormError.cancelled.message))
        var session = PlainFormSession(form: form, console: terminal, style: .forStandardOutput(environment: environment),
                                       environment: environment, actions: actions())
        _ = try await session.run()
    }

    private func actions() -> PlainFormActions {
        let store = CredentialStore(environment: environment, prompt: TerminalPassphrase.prompt)
        let spec = self.spec
        let timeout = probeTimeout
        let probe: (@Sendable (Credentials) async throws(ProbeURLError) -> ProbeResult)? = probes ? { @Sendable credentials async throws(ProbeURLError) in
            try await ProbeClient().probe(credentials, spec: spec, timeout: timeout)
        } : nil
        return PlainFormActions(probe: probe) { credentials, result in
            try store.save(CredentialEnvelope(credentials: credentials, spec: spec, probe: result.flatMap { ProbeRecord($0) }))
        }
    }
}
