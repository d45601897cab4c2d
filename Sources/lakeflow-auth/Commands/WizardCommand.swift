import ArgumentParser
import FoundationEssentials
import Glibc
import LakeflowAuthCore

/// `lakeflow-auth <connector>`: collect, check and store one connector's credentials.
struct WizardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Collect, check and store a connector's credentials.",
        usage: usage,
        discussion: examples,
        shouldDisplay: false
    )

    /// Typed without a subcommand name: `wizard` is the parser's name for the default, not the user's.
    static let usage = "lakeflow-auth <connector> [--plain | --from-env [--env-file FILE]] [--spec FILE] [--auth-method NAME]\n"
        + "                          [--profile NAME] [--no-probe] [--probe-timeout SECONDS] [--no-open] [--redirect-uri URI] [--device]\n"
        + "                          [--dry-run [--reveal]] [--json]\n"
        + "lakeflow-auth <connector> --browser [--no-open] [--port N] [--timeout DURATION] [--json]"

    static let examples = """
        Examples:
          lakeflow-auth connectors        list what can be set up
          lakeflow-auth demo              try it against a built-in Acme sandbox
          lakeflow-auth acme              ask for acme's credentials, check, store
          lakeflow-auth acme --from-env   the same from ACME_API_KEY and the like
          lakeflow-auth acme --browser    the same in a browser on 127.0.0.1
          lakeflow-auth github --from-env --dry-run   the requests the check would send, unsent
        """

    @Argument(help: "The connector to set up, e.g. acme.")
    var connector: String

    @Flag(help: "Ask one question a line, without a full-screen form.")
    var plain = false

    @Flag(help: "Read every value from its env var (e.g. ACME_API_KEY) and ask nothing: for CI.")
    var fromEnv = false

    @Option(help: ArgumentHelp("With --from-env: read values from this dotenv file; env vars win.", valueName: "file"))
    var envFile: String?

    @Option(help: "The auth method to use, skipping the menu (default: $<CONNECTOR>_AUTH_METHOD).")
    var authMethod: String?

    @Option(help: "Read the connector's spec from this file.")
    var spec: String?

    @Flag(help: "Store the credentials without checking them against the source.")
    var noProbe = false

    @Flag(help: "Write events on stdout as JSON lines (url, checking, checked, saved, cancelled, error), for an agent or a script; messages stay on stderr. With --dry-run: the requests as one JSON object.")
    var json = false

    @OptionGroup var probeTimeout: ProbeTimeoutOption

    @Flag(help: "Print the requests the check would send, secrets masked, and send and store nothing.")
    var dryRun = false

    @Flag(help: "With --dry-run: show secrets in the requests printed.")
    var reveal = false

    @OptionGroup var browserForm: BrowserFormFlags

    @OptionGroup var profile: ProfileOption

    @OptionGroup var oauth: OAuthFlags

    func validate() throws {
        if envFile != nil && !fromEnv { throw ValidationError("--env-file goes with --from-env") }
        if plain && fromEnv { throw ValidationError("--plain and --from-env exclude each other") }
        if browserForm.browser && (plain || fromEnv) { throw ValidationError("--browser excludes --plain and --from-env") }
        if browserForm.givesBrowserSettings && plain {
            throw ValidationError("--port and --timeout go with the browser form")
        }
        if browserForm.port != nil && fromEnv { throw ValidationError("--port goes with the browser form") }
        // `--from-env` opens nothing: it prints the authorization link for whoever set up the CI job.
        if browserForm.noOpen && fromEnv { throw ValidationError("--no-open goes with the forms; --from-env opens no browser") }
        if oauth.device && !fromEnv { throw ValidationError("--device goes with --from-env") }
        if reveal && !dryRun { throw ValidationError("--reveal goes with --dry-run") }
        if dryRun && noProbe { throw ValidationError("--dry-run and --no-probe exclude each other: a dry run sends nothing already") }
    }

    func run() async throws {
        // With --dry-run, stdout carries the requests' one JSON object instead of events.
        let events = json && !dryRun ? JSONEvents.start() : nil
        let environment = ProcessInfo.processInfo.environment
        let profile = try self.profile.resolved()
        let resolved = try SpecResolver(environment: environment).resolve(connector, specFile: spec)
        let loaded = try resolved.load()
        Diagnostics.warn(loaded.warnings)
        try loaded.checkSomethingToSetUp(path: resolved.path)
        var plan = SetupPlan(spec: loaded, environment: environment, authMethod: authMethod, checks: !noProbe,
                             checkTimeout: probeTimeout.duration,
                             callbackTimeout: fromEnv ? browserForm.oauthCallbackTimeout : OAuthAuthorization.defaultCallbackTimeout,
                             opensLinks: !browserForm.noOpen)
        plan.profile = profile
        plan.redirect = oauth.redirect
        plan.events = events
        plan.endsAtValidation = dryRun
        var wizard = CredentialWizard(plan: plan)
        wizard.dryRun = dryRun ? DryRunOutput(reveal: reveal, json: json) : nil
        try await wizard.endingInDryRun {
            if fromEnv {
                return try await wizard.runHeadless(envFile: envFile, device: oauth.device)
            } else if browserForm.browser || (!plain && !hasTerminal) {
                return try await wizard.runBrowserForm(browserForm.options)
            } else if plain || events != nil {
                // The full-screen form draws on stdout, which carries the events.
                return try await wizard.runLineForm()
            }
            return try await wizard.runInteractiveForm()
        }
    }

    /// An agent or an editor task that runs the command gives it no terminal: the browser form then
    /// serves the person instead.
    private var hasTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}
