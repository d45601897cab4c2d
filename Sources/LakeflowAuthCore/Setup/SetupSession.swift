import Foundation

/// One setup from the first value to the saved file, the same for every front end: the terminal
/// forms, the browser form and `--from-env` only turn input into these actions and draw the
/// snapshots they return. The identity is unlocked before anything leaves the machine, so a wrong
/// passphrase never costs a check or what was typed.
public actor SetupSession {
    /// Checks credentials against the source: the probe, or later an OAuth exchange.
    public typealias Check = @Sendable (Credentials) async throws -> ProbeResult
    /// Asks a person for the identity file's passphrase; `attempt` counts from 1, so a front end can
    /// say that the last one was wrong. Nil when nobody can be asked or they gave up.
    public typealias PassphrasePrompt = @Sendable (_ identityPath: String, _ attempt: Int) async -> String?

    public static let passphraseAttempts = IdentityKeeper.passphraseAttempts

    public private(set) var form: Form
    public private(set) var state: SetupState = .editing
    private var editingSavedAt: Date?
    /// The env vars that prefilled the form, so a method chosen later starts from them too.
    private var environment: [String: String] = [:]
    private var invalid: InvalidForm?
    private let store: CredentialStore
    private let check: Check?
    private let passphrasePrompt: PassphrasePrompt?
    private var identity: MachineIdentity?
    private let authorization: OAuthAuthorization?
    /// The link of an OAuth step that waits for the person, while it waits.
    private var authorizationURL: URL?
    /// Where the OAuth callback sends the person's browser back to (the browser form).
    private var authorizationReturn: URL?
    private var checkInFlight: Task<Checked, Error>?
    /// What the last failed check ended with, so that keeping it unverified keeps what an OAuth flow
    /// granted (the refresh token) rather than the form's values alone.
    private var checked: Checked?
    /// Bumped when a check is cancelled, so the answer of one nobody waits for any more is dropped.
    private var checkGeneration = 0

    /// - Parameters:
    ///   - check: nil skips the check (`--no-probe`).
    ///   - passphrasePrompt: nil when nobody can be asked (CI): a protected identity then needs
    ///     `LAKEFLOW_AUTH_PASSPHRASE`.
    ///   - authorization: runs the spec's OAuth flow, for methods it applies to, after the identity is
    ///     unlocked and before the check (in `.checking`). Its probe, with the access token as bearer,
    ///     replaces `check`. With `check` nil (`--no-probe`) only a code flow without a refresh token
    ///     runs, since it is what grants one; nothing else is asked of the provider.
    public init(form: Form, store: CredentialStore, check: Check?, passphrasePrompt: PassphrasePrompt? = nil,
                authorization: OAuthAuthorization? = nil) {
        self.form = form
        self.store = store
        self.check = check
        self.passphrasePrompt = passphrasePrompt
        self.authorization = authorization
    }

    /// A check by the probe the spec declares.
    public static func probe(_ spec: ConnectorSpec, client: ProbeClient = ProbeClient(),
                             timeout: Duration = ProbeClient.defaultTimeout) -> Check {
        { credentials in try await client.probe(credentials, spec: spec, timeout: timeout) }
    }

    /// Whether `submit` asks the source before saving (false with `--no-probe`).
    public nonisolated var checksCredentials: Bool { check != nil }

    public var snapshot: SetupSnapshot {
        SetupSnapshot(form: form, state: state, editingSavedAt: editingSavedAt, invalid: invalid,
                      authorizationURL: authorizationURL)
    }

    /// Sends the person's browser to `address` once the OAuth callback has its answer: for a front end
    /// that is itself a page, so the person comes back to it from the provider.
    public func returnAfterAuthorization(to address: URL) {
        authorizationReturn = address
    }

    /// Starts an interactive setup where the last one left off: the stored credentials of the
    /// connector (unlocking the identity to read them), then env vars over them, as `--from-env` reads
    /// them. The method asked for (`--auth-method`, `<CONNECTOR>_AUTH_METHOD`) wins over the stored one.
    public func prefill(environment: [String: String], authMethod flag: String?) async throws -> SetupSnapshot {
        self.environment = environment
        let connector = form.spec.connector
        var stored: CredentialEnvelope?
        if store.hasStored(connector) {
            stored = try store.open(connector, identity: try await unlockedIdentity())
        }
        let requested = Form.requestedAuthMethod(flag: flag, connector: connector, environment: environment)
        if let name = requested ?? stored?.authMethod, form.spec.authMethod(named: name) != nil || requested != nil {
            try form.chooseAuthMethod(name)
        }
        if let stored, stored.authMethod == form.authMethod?.name {
            for (name, value) in stored.options where form.field(name) != nil { form.set(name, value.plainText) }
            for (name, value) in stored.oauthEndpoints where form.field(name) != nil { form.set(name, value) }
            editingSavedAt = stored.savedAt
        }
        try form.fill(from: environment, overriding: true)
        return snapshot
    }

    public func chooseAuthMethod(_ name: String) throws -> SetupSnapshot {
        try form.chooseAuthMethod(name)
        try form.fill(from: environment)
        invalid = nil
        return snapshot
    }

    public func set(_ option: String, _ raw: String?) -> SetupSnapshot {
        form.set(option, raw)
        return snapshot
    }

    /// Every value of a form post at once: secrets left empty keep what they had (`Form.take`).
    public func take(_ posted: [String: String]) -> SetupSnapshot {
        form.take(posted)
        return snapshot
    }

    /// Records the check of a field as the person leaves it.
    public func leave(_ option: String) -> SetupSnapshot {
        form.leave(option)
        return snapshot
    }

    /// Validates, unlocks the identity, checks and saves. An invalid form stays in `.editing` with its
    /// errors; a check that does not pass ends in `.checkFailed`.
    /// - Throws: `StoreError` when the identity cannot be unlocked or the file cannot be written;
    ///   errors of the check other than its verdict.
    public func submit() async throws -> SetupSnapshot {
        guard !isFinished else { return snapshot }
        let credentials: Credentials
        do {
            credentials = try form.validate()
            invalid = nil
        } catch {
            invalid = error
            state = .editing
            return snapshot
        }
        let identity = try await unlockedIdentity()
        checked = nil
        let spec = form.spec
        var authorization = spec.oauthFlow(for: form.authMethod) == nil ? nil : self.authorization
        if check == nil, authorization?.grantsWhatIsStored(credentials, spec: spec) == false { authorization = nil }
        // The snapshot carries the link while the step waits, so a front end can draw it.
        authorization = authorization?.presenting(first: { url in await self.awaitAuthorization(at: url) })
        if let authorizationReturn { authorization = authorization?.returning(to: authorizationReturn) }
        guard check != nil || authorization != nil else { return try save(credentials, identity: identity, check: .skipped) }

        checkGeneration += 1
        let generation = checkGeneration
        state = .checking(started: .now)
        let check = self.check
        let inFlight = Task { try await Self.run(check, authorization, on: credentials, spec: spec) }
        checkInFlight = inFlight
        let outcome = await inFlight.result
        guard generation == checkGeneration else { return snapshot }
        checkInFlight = nil
        authorizationURL = nil
        switch outcome {
        case let .success(done) where done.result?.passes ?? true:
            return try save(done, identity: identity, check: done.result.map(SavedSetup.Check.passed) ?? .skipped)
        case let .success(done):
            checked = done
            return fail(CheckFailure(done.result ?? .unverified(source: spec.title, authMethod: credentials.authMethod)))
        case let .failure(error as ProbeURLError):
            return fail(CheckFailure(refused: error))
        case let .failure(error as OAuthError):
            return fail(CheckFailure(oauth: error))
        case let .failure(error as InvalidForm):
            invalid = error
            state = .editing
            return snapshot
        case .failure(is CancellationError):
            state = .editing
            return snapshot
        case let .failure(error):
            state = .editing
            throw error
        }
    }

    /// Back to the form after a failed check, its marks kept until the fields are edited.
    public func edit() -> SetupSnapshot {
        if case .checkFailed = state { state = .editing }
        return snapshot
    }

    /// Keeps credentials whose check failed, where the one rule allows it.
    public func saveUnverified() throws -> SetupSnapshot {
        guard case let .checkFailed(failure) = state else { throw SetupError.nothingToSaveUnverified }
        guard failure.mayBeSavedUnverified else { throw SetupError.unverifiedSaveRefused(failure) }
        let done: Checked
        if let checked { done = checked } else { done = Checked(credentials: try form.validate(), result: nil, grant: nil) }
        guard let identity else { throw SetupError.nothingToSaveUnverified }
        return try save(done, identity: identity, check: .keptDespite(failure))
    }

    /// Stops a check in flight (its answer, if it still comes, is dropped) and goes back to the form.
    public func cancelCheck() -> SetupSnapshot {
        guard case .checking = state else { return snapshot }
        checkGeneration += 1
        checkInFlight?.cancel()
        checkInFlight = nil
        authorizationURL = nil
        state = .editing
        return snapshot
    }

    /// Ends the setup with nothing saved.
    public func cancel() -> SetupSnapshot {
        _ = cancelCheck()
        if !isFinished { state = .cancelled }
        return snapshot
    }

    private var isFinished: Bool {
        switch state {
        case .saved, .cancelled: return true
        case .editing, .checking, .checkFailed: return false
        }
    }

    private func awaitAuthorization(at url: URL) {
        guard case .checking = state else { return }
        authorizationURL = url
    }

    private func fail(_ failure: CheckFailure) -> SetupSnapshot {
        form.markConcerned(failure.concernedOptions)
        state = .checkFailed(failure)
        return snapshot
    }

    private func save(_ credentials: Credentials, identity: MachineIdentity, check: SavedSetup.Check) throws -> SetupSnapshot {
        try save(Checked(credentials: credentials, result: nil, grant: nil), identity: identity, check: check)
    }

    private func save(_ done: Checked, identity: MachineIdentity, check: SavedSetup.Check) throws -> SetupSnapshot {
        let record = check.probe.flatMap { ProbeRecord($0) }
        let envelope = CredentialEnvelope(credentials: done.credentials, spec: form.spec, probe: record,
                                          oauth: done.grant.map { OAuthAccessToken($0.tokens) })
        let path = try store.save(envelope, identity: identity)
        state = .saved(SavedSetup(path: path, check: check))
        return snapshot
    }

    /// The credentials a check ends with (an OAuth flow adds the refresh token), its answer (nil when
    /// only the flow ran, with `--no-probe`), and what the flow granted.
    struct Checked: Sendable {
        let credentials: Credentials
        let result: ProbeResult?
        let grant: OAuthGrant?
    }

    private static func run(_ check: Check?, _ authorization: OAuthAuthorization?, on credentials: Credentials,
                            spec: ConnectorSpec) async throws -> Checked {
        guard let authorization, let grant = try await authorization.authorize(credentials, spec: spec) else {
            return Checked(credentials: credentials, result: try await check?(credentials), grant: nil)
        }
        let result = check == nil ? nil : try await authorization.check(grant, spec: spec)
        return Checked(credentials: grant.credentials, result: result, grant: grant)
    }

    /// The identity, asking for its passphrase when the file is protected and none was given.
    private func unlockedIdentity() async throws -> MachineIdentity {
        if let identity { return identity }
        let keeper = store.keeper
        var unlocked: MachineIdentity
        if keeper.needsPassphrase, let passphrasePrompt {
            var attempt = 1
            while true {
                guard let passphrase = await passphrasePrompt(keeper.location.identityPath, attempt) else {
                    throw StoreError.passphraseRequired(path: keeper.location.identityPath)
                }
                do {
                    unlocked = try keeper.with(passphrase: passphrase).load()
                    break
                } catch StoreError.wrongPassphrase(let path) {
                    guard attempt < Self.passphraseAttempts else {
                        throw StoreError.passphrasesRefused(path: path, attempts: Self.passphraseAttempts)
                    }
                    attempt += 1
                }
            }
        } else {
            unlocked = try keeper.load()
        }
        identity = unlocked
        return unlocked
    }
}
