import ArgumentParser
import Foundation
import LakeflowAuthCore
import LakeflowAuthTerminal

/// `lakeflow-auth <connector>`: collect, check and store one connector's credentials.
struct WizardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Collect, check and store a connector's credentials (the default command).",
        shouldDisplay: false
    )

    @Argument(help: "The connector to set up, e.g. acme.")
    var connector: String

    @Flag(help: "Ask one question a line, without a full-screen form.")
    var plain = false

    @Option(help: "The auth method to use, skipping the menu (default: $<CONNECTOR>_AUTH_METHOD).")
    var authMethod: String?

    @Option(help: "Read the connector's spec from this file.")
    var spec: String?

    @Flag(help: "Store the credentials without checking them against the source.")
    var noProbe = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let spec = try SpecLoader.load(path: try SpecResolver(environment: environment).resolve(connector, specFile: self.spec),
                                       connector: connector)
        var form = Form(spec: spec)
        if let method = Form.requestedAuthMethod(flag: authMethod, connector: spec.connector, environment: environment) {
            try form.chooseAuthMethod(method)
        }
        // The plain form is also what runs without --plain until the full-screen form exists.
        try await runPlainForm(form, environment: environment)
    }

    private func runPlainForm(_ form: Form, environment: [String: String]) async throws {
        let terminal = try TerminalIO(connector: form.spec.connector, farewell: Diagnostics.text(PlainFormError.cancelled.message))
        var session = PlainFormSession(form: form, console: terminal, style: .forStandardOutput(environment: environment),
                                       environment: environment, actions: actions(for: form.spec, environment: environment))
        _ = try await session.run()
    }

    private func actions(for spec: ConnectorSpec, environment: [String: String]) -> PlainFormActions {
        let store = CredentialStore(environment: environment)
        let probe: (@Sendable (Credentials) async throws(ProbeURLError) -> ProbeResult)? = noProbe ? nil : { @Sendable credentials async throws(ProbeURLError) in
            try await ProbeClient().probe(credentials, spec: spec)
        }
        return PlainFormActions(probe: probe) { credentials, result in
            try store.save(CredentialEnvelope(credentials: credentials, spec: spec, probe: result.flatMap { ProbeRecord($0) }))
        }
    }
}
