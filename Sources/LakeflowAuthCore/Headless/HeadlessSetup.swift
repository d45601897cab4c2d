/// `--from-env` from start to end: values from the environment, validated, checked, sealed and saved,
/// with nothing asked of anyone (but the one authorization of an OAuth code flow without a refresh
/// token, whose link `showLink` gives to whoever runs the setup, with the session whose wait a pasted
/// address answers). It drives the same `SetupSession` as the forms, reading its snapshots; with nobody
/// to choose "save unverified", a check that does not pass saves nothing. A rotation
/// (`asksOnlyForSecrets`) starts from the stored credentials and takes only the secret options from
/// the environment.
public struct HeadlessSetup: Sendable {
    public let plan: SetupPlan
    public let showLink: @Sendable (AuthorizationStep, SetupSession) -> Void

    /// `plan` starts from the environment alone, or for a rotation from what is stored, whatever it said.
    public init(plan: SetupPlan, showLink: @escaping @Sendable (AuthorizationStep, SetupSession) -> Void = { _, _ in }) {
        var plan = plan
        plan.start = plan.asksOnlyForSecrets ? .storedThenEnvironment : .environmentOnly
        self.plan = plan
        self.showLink = showLink
    }

    public func run() async throws -> SavedSetup {
        let session = await plan.session()
        if plan.asksOnlyForSecrets, case .editing = await session.state {
            let asked = await session.form.fields
            let environment = plan.values
            guard asked.contains(where: { !(environment[$0.envVar] ?? "").isEmpty || !(environment[Form.fileVariable($0)] ?? "").isEmpty })
            else { throw HeadlessError.noNewSecret(connector: plan.spec.connector, envVars: asked.map(\.envVar)) }
        }
        _ = await session.submit()
        var shown: AuthorizationStep?
        for await snapshot in await session.updates() {
            switch snapshot.state {
            case let .authorizing(step):
                if step.url != shown?.url { showLink(step, session) }
                shown = step
            case .checking, .needsPassphrase:
                continue
            case let .saved(saved):
                return saved
            case let .checkFailed(failure):
                throw HeadlessProbeFailure(failure: failure, spec: plan.spec)
            case let .failed(error):
                throw error
            case let .cancelled(reason):
                throw reason
            case .editing:
                guard let invalid = snapshot.invalid else { throw SetupCancelled.byPerson }
                if invalid.authMethodMissing != nil { throw invalid }
                throw HeadlessForm.invalidValues(invalid, in: snapshot.form)
            }
        }
        throw CancellationError()
    }
}
