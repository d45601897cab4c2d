/// What one setup command asks for, and the one place that builds a session from it and starts it:
/// every form and `--from-env` get theirs here, so they start from the same values by the same rules.
public struct SetupPlan: Sendable {
    public enum Start: Sendable, Equatable {
        /// Where the last setup left off: the stored credentials, then env vars over them; a protected
        /// identity's passphrase is asked for (the forms).
        case whereLeftOff
        /// From env vars alone, the method decided by which are set, nothing stored read and nobody
        /// asked (`--from-env`).
        case environmentOnly
        /// From the stored credentials, the secrets from env vars over them, nobody asked (`rotate
        /// --from-env`).
        case storedThenEnvironment
    }

    public var spec: ConnectorSpec
    /// Which credential set of the connector is set up (`--profile`).
    public var profile = ProfileName.default
    /// `rotate`: only the secret options are asked, the rest stays as stored.
    public var asksOnlyForSecrets = false
    /// The process's environment: the store's location and passphrase, the browser to open links in.
    public var environment: [String: String]
    /// The env vars that fill the form: the environment's, over an env file's for `--from-env`.
    public var values: [String: String]
    /// `--auth-method`.
    public var authMethod: String?
    /// How the credentials are checked; nil with `--no-probe`.
    public var check: SetupSession.Check?
    /// How long a check's request may take, the OAuth flow's included.
    public var checkTimeout: Duration
    /// How long the OAuth step waits for the provider's callback.
    public var callbackTimeout: Duration
    /// Whether the OAuth step's link is opened in a browser (`--no-open` says no; the browser form
    /// shows it on its page instead).
    public var opensLinks: Bool
    /// `--redirect-uri`: where the provider sends the browser back.
    public var redirect = OAuthRedirect.standard
    /// `--device`: the code flow runs as a device grant, shown by this presenter, at `deviceEndpoint`
    /// when given (else the spec block's).
    public var devicePresenter: OAuthAuthorization.DevicePresenter?
    public var deviceEndpoint: String?
    public var start: Start
    public var store: CredentialStore
    /// Where the session's steps are written as `--json` events; nil without `--json`.
    public var events: SetupEventWriter?
    /// `--dry-run`: a valid form ends the session with `DryRunReady`, before anything is read, sent or saved.
    public var endsAtValidation = false

    public init(spec: ConnectorSpec, environment: [String: String], values: [String: String]? = nil, authMethod: String?,
                checks: Bool, checkTimeout: Duration = ProbeClient.defaultTimeout,
                callbackTimeout: Duration = OAuthAuthorization.defaultCallbackTimeout, opensLinks: Bool = true,
                start: Start = .whereLeftOff) {
        self.spec = spec
        self.environment = environment
        self.values = values ?? environment
        self.authMethod = authMethod
        check = checks ? SetupSession.declaredCheck(of: spec, timeout: checkTimeout) : nil
        self.checkTimeout = checkTimeout
        self.callbackTimeout = callbackTimeout
        self.opensLinks = opensLinks
        self.start = start
        store = CredentialStore(environment: environment)
    }

    /// A session started as the plan says: in `.editing`, in `.needsPassphrase` (to read the stored
    /// credentials), or `.failed` when it cannot start (an unreadable store, an unknown auth method).
    public func session() async -> SetupSession {
        // A refresh token from outside the form serves specs that declare no such option (gmail).
        let refreshToken = values[EnvVarName.forOption(OAuthOption.refreshToken, connector: spec.connector)]
        let environment = self.environment
        var authorization = OAuthAuthorization(presenter: nil, callbackTimeout: callbackTimeout, probeTimeout: checkTimeout,
                                               redirect: redirect)
            .with(refreshToken: refreshToken)
        if let devicePresenter { authorization = authorization.viaDevice(presenter: devicePresenter, endpoint: deviceEndpoint) }
        let opener: SetupSession.LinkOpener = { url in BrowserOpener.open(url, environment: environment) }
        let form = Form(spec: spec, profile: profile)
        let session = SetupSession(form: asksOnlyForSecrets ? form.askingOnlyForSecrets() : form, store: store, check: check,
                                   asksForPassphrase: start == .whereLeftOff,
                                   authorization: authorization, opensLink: opensLinks ? opener : nil,
                                   endsAtValidation: endsAtValidation)
        if let events { await session.observe(events.record) }
        switch start {
        case .whereLeftOff, .storedThenEnvironment: _ = await session.prefill(environment: values, authMethod: authMethod)
        case .environmentOnly: _ = await session.fillFromEnvironment(values, authMethod: authMethod)
        }
        return session
    }
}
