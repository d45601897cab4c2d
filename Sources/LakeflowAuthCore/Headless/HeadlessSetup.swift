/// `--from-env` from start to end: values from the environment, validated, probed, sealed and saved,
/// with nothing asked of anyone (but the one authorization of an OAuth code flow without a refresh
/// token, which `authorization`'s presenter shows). It drives the same `SetupSession` as the forms;
/// with nobody to choose "save unverified", a check that does not pass saves nothing. A rotation
/// (`asksOnlyForSecrets`) starts from the stored credentials and takes only the secret options from
/// the environment.
public struct HeadlessSetup: Sendable {
    public let spec: ConnectorSpec
    public let environment: [String: String]
    public let authMethod: String?
    public let check: SetupSession.Check?
    public let store: CredentialStore
    public let authorization: OAuthAuthorization?
    public let profile: String
    public let asksOnlyForSecrets: Bool

    public init(spec: ConnectorSpec, environment: [String: String], authMethod: String?, check: SetupSession.Check?,
                store: CredentialStore, authorization: OAuthAuthorization? = nil, profile: String = ProfileName.default,
                asksOnlyForSecrets: Bool = false) {
        self.spec = spec
        self.environment = environment
        self.authMethod = authMethod
        self.check = check
        self.store = store
        self.authorization = authorization
        self.profile = profile
        self.asksOnlyForSecrets = asksOnlyForSecrets
    }

    public func run() async throws -> SavedSetup {
        let refreshToken = environment[EnvVarName.forOption(OAuthOption.refreshToken, connector: spec.connector)]
        let authorization = self.authorization?.with(refreshToken: refreshToken)
        let session: SetupSession
        if asksOnlyForSecrets {
            session = SetupSession(form: Form(spec: spec, profile: profile).askingOnlyForSecrets(), store: store, check: check,
                                   authorization: authorization)
            let asked = try await session.prefill(environment: environment, authMethod: nil).form.fields
            guard asked.contains(where: { !(environment[$0.envVar] ?? "").isEmpty || !(environment[Form.fileVariable($0)] ?? "").isEmpty })
            else { throw HeadlessError.noNewSecret(connector: spec.connector, envVars: asked.map(\.envVar)) }
        } else {
            let form = try HeadlessForm.fill(spec: spec, environment: environment, authMethod: authMethod, profile: profile)
            session = SetupSession(form: form, store: store, check: check, authorization: authorization)
        }
        let snapshot = try await session.submit()
        switch snapshot.state {
        case let .saved(saved):
            return saved
        case let .checkFailed(failure):
            throw HeadlessProbeFailure(failure: failure, spec: spec)
        case .editing, .checking, .cancelled:
            guard let invalid = snapshot.invalid else { throw CancellationError() }
            if invalid.authMethodMissing != nil { throw invalid }
            throw HeadlessForm.invalidValues(invalid, in: snapshot.form)
        }
    }
}
