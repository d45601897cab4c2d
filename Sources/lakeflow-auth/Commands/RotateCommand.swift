import ArgumentParser
import FoundationEssentials
import Glibc
import LakeflowAuthCore

/// `lakeflow-auth rotate <connector>`: new values for the secret options only (the rest stays as
/// stored), checked, stored, then every Unity Catalog connection made from the credentials updated and
/// read back. A check that fails changes nothing in any workspace.
struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace a connector's secrets: check them, store them, update the connections made from them.",
        usage: "lakeflow-auth rotate <connector> [--profile NAME] [--plain | --from-env [--env-file FILE] | --browser [--no-open]] [--redirect-uri URI]")

    @Argument(help: "The connector whose secrets to replace.")
    var connector: String

    @OptionGroup var profile: ProfileOption

    @Flag(help: "Ask one question a line, without a full-screen form.")
    var plain = false

    @Flag(help: "Read the new secrets from their env vars (e.g. ACME_API_KEY) and ask nothing: for CI.")
    var fromEnv = false

    @Option(help: ArgumentHelp("With --from-env: read values from this dotenv file; env vars win.", valueName: "file"))
    var envFile: String?

    @Option(help: "Read the connector's spec from this file.")
    var spec: String?

    @OptionGroup var probeTimeout: ProbeTimeoutOption

    @OptionGroup var browserForm: BrowserFormFlags

    @OptionGroup var redirectOption: RedirectOption

    @Option(name: .customLong("databricks-profile"),
            help: ArgumentHelp("The ~/.databrickscfg profile of the connections' workspace (default: DATABRICKS_HOST when "
                + "it is that workspace, else the profile whose host is).", valueName: "name"))
    var databricksProfile: String?

    func validate() throws {
        if envFile != nil && !fromEnv { throw ValidationError("--env-file goes with --from-env") }
        if plain && fromEnv { throw ValidationError("--plain and --from-env exclude each other") }
        if browserForm.browser && (plain || fromEnv) { throw ValidationError("--browser excludes --plain and --from-env") }
        if browserForm.givesBrowserSettings && plain { throw ValidationError("--port and --timeout go with the browser form") }
        if browserForm.port != nil && fromEnv { throw ValidationError("--port goes with the browser form") }
        if browserForm.noOpen && fromEnv { throw ValidationError("--no-open goes with the forms; --from-env opens no browser") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let profile = try self.profile.resolved()
        try StoreAccess.store().requireStored(connector, profile: profile)
        let spec = try SpecResolver(environment: environment).resolve(connector, specFile: self.spec).load()
        Diagnostics.warn(spec.warnings)
        let store = try StoreAccess.unlockedStore()
        var plan = SetupPlan(spec: spec, environment: environment, authMethod: nil, checks: true, checkTimeout: probeTimeout.duration,
                             callbackTimeout: fromEnv ? browserForm.oauthCallbackTimeout : OAuthAuthorization.defaultCallbackTimeout,
                             opensLinks: !browserForm.noOpen)
        plan.profile = profile
        plan.redirect = redirectOption.redirect
        plan.asksOnlyForSecrets = true
        // The store it unlocked, so no form asks for the passphrase again.
        plan.store = store
        let wizard = CredentialWizard(plan: plan)
        let saved: SavedSetup
        if fromEnv {
            saved = try await wizard.runHeadless(envFile: envFile)
        } else {
            Diagnostics.note("only the secret options of \(spec.title) are asked; the others stay as stored")
            if browserForm.browser || (!plain && !hasTerminal) {
                saved = try await wizard.runBrowserForm(browserForm.options)
            } else if plain {
                saved = try await wizard.runLineForm()
            } else {
                saved = try await wizard.runInteractiveForm()
            }
        }
        let envelope = try store.open(connector, profile: profile)
        if case let .keptDespite(failure) = saved.check, !envelope.connections.isEmpty {
            throw RotationError.notPushed(failure, connections: envelope.connections.count)
        }
        guard !envelope.connections.isEmpty else {
            Diagnostics.note("no Unity Catalog connection was made from these credentials, so there is none to update")
            return
        }
        let refresh = ConnectionRefresh(store: store, environment: environment, databricksProfile: databricksProfile) { name in
            try await ConnectionPushOptions.connection(name, comment: nil, envelope: envelope, spec: spec, signIn: true,
                                                       redirect: redirectOption.redirect)
        }
        let outcomes = await refresh.run(envelope)
        for outcome in outcomes { print(outcome.line) }
        let failed = outcomes.filter { if case .failure = $0.result { return true } else { return false } }
        guard failed.isEmpty else { throw RotationError.incomplete(connector: connector, profile: profile, failed: failed) }
    }

    /// As the wizard decides: without a terminal, the browser form serves the person.
    private var hasTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}
