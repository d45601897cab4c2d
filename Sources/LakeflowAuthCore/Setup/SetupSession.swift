import FoundationEssentials
import Synchronization

/// One setup from the first value to the saved file, the same for every front end: the terminal
/// forms, the browser form and `--from-env` only send it actions and draw the snapshots it publishes.
/// It owns its work: a submit starts the check on a task of the session's and answers `.checking` at
/// once, and what the check needs from the person on the way (the identity's passphrase, the OAuth
/// consent) is a state of the snapshot, answered by an action. The identity is unlocked before
/// anything leaves the machine, so a wrong passphrase never costs a check or what was typed. Every
/// step can be cancelled.
public actor SetupSession {
    /// Checks credentials against the source: the declared check (`declaredCheck`), or a scripted one in tests.
    public typealias Check = @Sendable (Credentials) async throws -> ProbeResult
    /// Opens a link in the person's browser; nil when none can or may be opened.
    public typealias LinkOpener = @Sendable (URL) -> BrowserOpener?

    public static let passphraseAttempts = IdentityKeeper.passphraseAttempts

    public private(set) var form: Form
    public private(set) var state: SetupState = .editing
    private var editingSavedAt: Date?
    /// The env vars that prefilled the form, so a method chosen later starts from them too.
    private var environment: [String: String] = [:]
    private var invalid: InvalidForm?
    private let store: CredentialStore
    private let check: Check?
    private let asksForPassphrase: Bool
    private let opensLink: LinkOpener?
    private var identity: MachineIdentity?
    private let authorization: OAuthAuthorization?
    /// Where the OAuth callback sends the person's browser back to (the browser form).
    private var authorizationReturn: URL?
    /// The browser opened on the link of the OAuth step under way, whose redirecting file goes with it.
    private var openedLink: BrowserOpener?
    /// The check in flight.
    private var inFlight: Task<Void, Never>?
    private var checkStarted: ContinuousClock.Instant?
    /// What the last failed check ended with, so that keeping it unverified keeps what an OAuth flow
    /// granted (the refresh token) rather than the form's values alone.
    private var checked: Checked?
    /// Bumped when a check starts or is cancelled, so the answer of one nobody waits for is dropped.
    private var checkGeneration = 0
    /// `--dry-run`: a valid form ends the setup (`.failed(DryRunReady)`) with its credentials, before
    /// anything is unlocked, sent or saved.
    private let endsAtValidation: Bool
    /// What goes on once the identity is unlocked.
    private var afterUnlock: AfterUnlock?
    private var version = 0
    private var appliedAction = 0
    private var subscribers: [UUID: AsyncStream<SetupSnapshot>.Continuation] = [:]
    private var observers: [@Sendable (SetupSnapshot) -> Void] = []

    /// The latest snapshot, for a front end on a thread of its own.
    public nonisolated let mailbox: SnapshotMailbox
    /// The OAuth step's wait at the provider, which a pasted redirect answers: through
    /// `answerAuthorization(pasted:)`, or straight from a reader of standard input (`--from-env`).
    public nonisolated let authorizationWait = OAuthAuthorizationWait()
    private nonisolated let inbox: Mutex<(count: Int, continuation: AsyncStream<(Int, SetupAction)>.Continuation)>
    /// Whether a submit asks the source before saving (false with `--no-probe`).
    private let checksCredentials: Bool

    private enum AfterUnlock {
        case prefill(authMethod: String?)
        case submit
    }

    /// - Parameters:
    ///   - check: nil skips the check (`--no-probe`).
    ///   - asksForPassphrase: whether a person can be asked for a protected identity's passphrase
    ///     (`needsPassphrase`); without one (CI) it must come from `LAKEFLOW_AUTH_PASSPHRASE`.
    ///   - authorization: runs the spec's OAuth flow, for methods it applies to, after the identity is
    ///     unlocked and before the check (in `.checking`, and `.authorizing` while the person is at the
    ///     provider). Its check, with the access token as bearer, replaces `check`. With `check` nil
    ///     (`--no-probe`) only a code flow without a refresh token runs, since it is what grants one.
    ///   - opensLink: opens the OAuth step's link in a browser; nil leaves it to the front end to show.
    ///   - endsAtValidation: `--dry-run`: a valid `submit()` ends in `.failed(DryRunReady)` with the
    ///     credentials instead of going on; the stored credentials are not read, so no passphrase is asked.
    public init(form: Form, store: CredentialStore, check: Check?, asksForPassphrase: Bool = true,
                authorization: OAuthAuthorization? = nil, opensLink: LinkOpener? = nil, endsAtValidation: Bool = false) {
        self.form = form
        self.store = store
        self.check = check
        self.asksForPassphrase = asksForPassphrase
        self.authorization = authorization
        self.opensLink = opensLink
        self.endsAtValidation = endsAtValidation
        checksCredentials = check != nil
        mailbox = SnapshotMailbox(SetupSnapshot(version: 0, form: form, state: .editing, editingSavedAt: nil, invalid: nil,
                                                identityPath: store.keeper.location.identityPath, checksCredentials: check != nil))
        let (actions, continuation) = AsyncStream.makeStream(of: (Int, SetupAction).self)
        inbox = Mutex((0, continuation))
        // Actions sent from outside the async world are applied one after the other, in the order sent.
        Task { [weak self] in
            for await (ticket, action) in actions {
                guard let session = self else { return }
                await session.apply(action, ticket: ticket)
            }
        }
    }

    deinit {
        inbox.withLock { $0.continuation.finish() }
        inFlight?.cancel()
        openedLink?.remove()
        for subscriber in subscribers.values { subscriber.finish() }
    }

    /// The check the spec declares, within `timeout`.
    public static func declaredCheck(of spec: ConnectorSpec, client: ProbeClient = ProbeClient(),
                                     timeout: Duration = ProbeClient.defaultTimeout) -> Check {
        { credentials in try await client.probe(credentials, spec: spec, timeout: timeout) }
    }

    public var snapshot: SetupSnapshot {
        SetupSnapshot(version: version, form: form, state: state, editingSavedAt: editingSavedAt, invalid: invalid,
                      identityPath: store.keeper.location.identityPath, checksCredentials: checksCredentials)
    }

    // MARK: Watching

    /// Every snapshot from now on, the current one first, none left out (a script turns each into an
    /// event); the stream ends with the session or when its reader stops.
    public func updates() -> AsyncStream<SetupSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: SetupSnapshot.self)
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        continuation.yield(snapshot)
        return stream
    }

    /// The first snapshot, the current one included, that meets `condition`; the current one when the
    /// waiting task is cancelled.
    public func first(where condition: @Sendable (SetupSnapshot) -> Bool) async -> SetupSnapshot {
        for await update in updates() where condition(update) { return update }
        return snapshot
    }

    /// The next snapshot in which the session waits for the person, not for a check or a provider, or
    /// has ended.
    public func settled() async -> SetupSnapshot {
        await first { !$0.state.isCheckInFlight }
    }

    /// Calls `observer` with the current snapshot, then with each one as it is published, before any
    /// reader of `updates()` sees it: for what must keep the order of the steps exactly (`--json`'s
    /// events), which a stream's reader, scheduled on its own, could not promise against the front end.
    public func observe(_ observer: @escaping @Sendable (SetupSnapshot) -> Void) {
        observers.append(observer)
        observer(snapshot)
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// Sends an action from anywhere (a thread that cannot await): actions sent so are applied in the
    /// order sent. Returns the action's number, for `mailbox.wait(for:timeout:)`.
    @discardableResult
    public nonisolated func send(_ action: SetupAction) -> Int {
        inbox.withLock { inbox in
            inbox.count += 1
            inbox.continuation.yield((inbox.count, action))
            return inbox.count
        }
    }

    private func apply(_ action: SetupAction, ticket: Int) {
        appliedAction = ticket
        let before = version
        switch action {
        case let .set(option, value): _ = set(option, value)
        case let .leave(option): _ = leave(option)
        case let .chooseAuthMethod(name): _ = try? chooseAuthMethod(name)
        case .submit: _ = submit()
        case .edit: _ = edit()
        case .saveUnverified: _ = try? saveUnverified()
        case let .unlock(passphrase): _ = unlock(passphrase)
        case let .answerAuthorization(address): _ = answerAuthorization(pasted: address)
        case .cancelCheck: _ = cancelCheck()
        case .cancel: _ = cancel()
        }
        // An action that changed nothing still tells a waiting sender that it was applied.
        if version == before { mailbox.put(snapshot, applied: ticket) }
    }

    @discardableResult
    private func publish() -> SetupSnapshot {
        version += 1
        let current = snapshot
        for observer in observers { observer(current) }
        mailbox.put(current, applied: appliedAction)
        for subscriber in subscribers.values { subscriber.yield(current) }
        return current
    }

    // MARK: Starting

    /// Starts an interactive setup where the last one left off: the stored credentials of the
    /// connector and the form's profile, then env vars over them, as `--from-env` reads them. The
    /// method asked for (`--auth-method`, `<CONNECTOR>_AUTH_METHOD`) wins over the stored one, but for a
    /// form that asks only for secrets, which keeps the stored one. When reading the stored credentials
    /// needs the identity's passphrase, the session asks for it first (`needsPassphrase`).
    public func prefill(environment: [String: String], authMethod flag: String?) -> SetupSnapshot {
        self.environment = environment
        if !endsAtValidation, store.hasStored(form.spec.connector, profile: form.profile), identity == nil, asksForPassphrase,
           store.keeper.needsPassphrase {
            afterUnlock = .prefill(authMethod: flag)
            state = .needsPassphrase(attempt: 1)
            return publish()
        }
        return finishPrefill(authMethod: flag)
    }

    private func finishPrefill(authMethod flag: String?) -> SetupSnapshot {
        let connector = form.spec.connector
        do {
            var stored: CredentialEnvelope?
            if !endsAtValidation, store.hasStored(connector, profile: form.profile) {
                stored = try store.open(connector, profile: form.profile, identity: try unlockedIdentity())
            }
            let requested = form.asksOnlyForSecrets ? nil : Form.requestedAuthMethod(flag: flag, connector: connector, environment: environment)
            if let requested {
                // Typed on the command line, or set in `<CONNECTOR>_AUTH_METHOD`.
                try form.chooseAuthMethod(requested, from: (flag ?? "").isEmpty ? .environment : .typed)
            } else if let name = stored?.authMethod, form.spec.authMethod(named: name) != nil {
                try form.chooseAuthMethod(name, from: .stored)
            }
            if let stored, stored.authMethod == form.authMethod?.name {
                for (name, value) in stored.options where form.field(name) != nil { form.set(name, value.plainText, from: .stored) }
                for (name, value) in stored.oauthEndpoints where form.field(name) != nil { form.set(name, value, from: .stored) }
                editingSavedAt = stored.savedAt
            }
            try form.fill(from: environment, overriding: true)
            state = .editing
        } catch {
            state = .failed(error)
        }
        return publish()
    }

    /// Starts `--from-env`: every value from its env var, the method from `--auth-method`,
    /// `<CONNECTOR>_AUTH_METHOD` or the one method whose required env vars are set; nothing stored is read.
    public func fillFromEnvironment(_ environment: [String: String], authMethod flag: String?) -> SetupSnapshot {
        self.environment = environment
        do {
            form = try HeadlessForm.fill(spec: form.spec, environment: environment, authMethod: flag, profile: form.profile)
        } catch {
            state = .failed(error)
        }
        return publish()
    }

    /// Sends the person's browser to `address` once the OAuth callback has its answer: for a front end
    /// that is itself a page, so the person comes back to it from the provider.
    public func returnAfterAuthorization(to address: URL) {
        authorizationReturn = address
    }

    // MARK: Editing

    /// Chooses the auth method. Changes nothing outside editing.
    /// - Throws: `AuthMethodError` for a method the spec does not have.
    public func chooseAuthMethod(_ name: String) throws(AuthMethodError) -> SetupSnapshot {
        guard state.isEditable else { return snapshot }
        try form.chooseAuthMethod(name)
        do {
            try form.fill(from: environment)
        } catch {
            state = .failed(error)
        }
        invalid = nil
        return publish()
    }

    public func set(_ option: String, _ raw: String?) -> SetupSnapshot {
        guard state.isEditable else { return snapshot }
        form.set(option, raw)
        return publish()
    }

    /// Every value of a form post at once: secrets left empty keep what they had (`Form.take`).
    public func take(_ posted: [String: String]) -> SetupSnapshot {
        guard state.isEditable else { return snapshot }
        form.take(posted)
        return publish()
    }

    /// Records the check of a field as the person leaves it.
    public func leave(_ option: String) -> SetupSnapshot {
        guard state.isEditable else { return snapshot }
        form.leave(option)
        return publish()
    }

    /// Back to the form after a failed check, its marks kept until the fields are edited.
    public func edit() -> SetupSnapshot {
        guard case .checkFailed = state else { return snapshot }
        state = .editing
        return publish()
    }

    // MARK: Checking and saving

    /// Validates, unlocks the identity (asking for its passphrase first when it must), and starts the
    /// check, answering at once: `.checking`, or `.editing` with `invalid` set, or `.needsPassphrase`.
    /// Without a check (`--no-probe`) it saves at once. Changes nothing outside editing.
    public func submit() -> SetupSnapshot {
        guard state.isEditable else { return snapshot }
        let credentials: Credentials
        do {
            credentials = try form.validate()
            invalid = nil
        } catch {
            invalid = error
            state = .editing
            return publish()
        }
        if endsAtValidation {
            state = .failed(DryRunReady(credentials: credentials))
            return publish()
        }
        if identity == nil, asksForPassphrase, store.keeper.needsPassphrase {
            afterUnlock = .submit
            state = .needsPassphrase(attempt: 1)
            return publish()
        }
        let identity: MachineIdentity
        do {
            identity = try unlockedIdentity()
        } catch {
            state = .failed(error)
            return publish()
        }
        checked = nil
        let spec = form.spec
        var authorization = spec.oauthFlow(for: form.authMethod) == nil ? nil : self.authorization
        if check == nil, authorization?.grantsWhatIsStored(credentials, spec: spec) == false { authorization = nil }
        guard check != nil || authorization != nil else {
            return save(Checked(credentials: credentials, result: nil, grant: nil), identity: identity, check: .skipped)
        }
        checkGeneration += 1
        let generation = checkGeneration
        authorization = authorization?.reporting(shown: { url in await self.authorizing(url, generation: generation) },
                                                 answered: { await self.authorized(generation: generation) })
            .answering(with: authorizationWait)
        if let authorizationReturn { authorization = authorization?.returning(to: authorizationReturn) }
        let started = ContinuousClock.now
        checkStarted = started
        state = .checking(started: started)
        let check = self.check
        let run = authorization
        inFlight = Task {
            let outcome: Result<Checked, any Error>
            do {
                outcome = .success(try await Self.run(check, run, on: credentials, spec: spec))
            } catch {
                outcome = .failure(error)
            }
            self.finishCheck(outcome, credentials: credentials, identity: identity, generation: generation)
        }
        return publish()
    }

    /// Answers `needsPassphrase`: the identity opens and the setup goes on where it waited; a wrong
    /// passphrase asks again, up to `passphraseAttempts`, then the setup fails. An empty one is no attempt.
    public func unlock(_ passphrase: String) -> SetupSnapshot {
        guard case let .needsPassphrase(attempt) = state, !passphrase.isEmpty else { return snapshot }
        do {
            identity = try store.keeper.with(passphrase: passphrase).load()
        } catch .wrongPassphrase(let path) {
            guard attempt < Self.passphraseAttempts else {
                afterUnlock = nil
                state = .failed(StoreError.passphrasesRefused(path: path, attempts: Self.passphraseAttempts))
                return publish()
            }
            state = .needsPassphrase(attempt: attempt + 1)
            return publish()
        } catch {
            afterUnlock = nil
            state = .failed(error)
            return publish()
        }
        let next = afterUnlock
        afterUnlock = nil
        state = .editing
        switch next {
        case let .prefill(flag)?: return finishPrefill(authMethod: flag)
        case .submit?: return submit()
        case nil: return publish()
        }
    }

    /// Answers `authorizing` with the address the person's browser was sent back to, pasted where the
    /// provider's callback cannot reach this machine: it decides as the callback would have. An address
    /// without the provider's answer is refused (`AuthorizationStep.pasteRefusal`) and the wait goes on.
    public func answerAuthorization(pasted address: String) -> SetupSnapshot {
        guard case var .authorizing(step) = state else { return snapshot }
        do {
            try authorizationWait.answer(pasted: address)
            return snapshot
        } catch {
            step.pastedAddressRefused = error
        }
        state = .authorizing(step)
        return publish()
    }

    /// Keeps credentials whose check failed, where the one rule allows it.
    /// - Throws: `SetupError` when there is no failed check, or its values may not be kept.
    public func saveUnverified() throws(SetupError) -> SetupSnapshot {
        guard case let .checkFailed(failure) = state, let identity else { throw .nothingToSaveUnverified }
        guard failure.mayBeSavedUnverified else { throw .unverifiedSaveRefused(failure) }
        let done: Checked
        if let checked {
            done = checked
        } else {
            do {
                done = Checked(credentials: try form.validate(), result: nil, grant: nil)
            } catch {
                invalid = error
                state = .editing
                return publish()
            }
        }
        return save(done, identity: identity, check: .keptDespite(failure))
    }

    /// Stops a check in flight (its answer, if it still comes, is dropped) and goes back to the form.
    public func cancelCheck() -> SetupSnapshot {
        guard state.isCheckInFlight else { return snapshot }
        stopCheck()
        state = .editing
        return publish()
    }

    /// Ends the setup with nothing saved, whatever it was doing or waiting for.
    public func cancel() -> SetupSnapshot {
        guard !state.isFinished else { return snapshot }
        let failure: CheckFailure? = if case let .checkFailed(failure) = state { failure } else { nil }
        stopCheck()
        afterUnlock = nil
        state = .cancelled(failure.map { .afterFailedCheck(reason: $0.message, exitStatus: $0.exitStatus) } ?? .byPerson)
        return publish()
    }

    private func stopCheck() {
        checkGeneration += 1
        inFlight?.cancel()
        inFlight = nil
        closeLink()
    }

    private func authorizing(_ url: URL, generation: Int) {
        guard generation == checkGeneration, state.isCheckInFlight else { return }
        openedLink?.remove()
        openedLink = opensLink?(url)
        state = .authorizing(AuthorizationStep(url: url, since: .now, openedInBrowser: openedLink != nil, title: form.spec.title))
        publish()
    }

    private func authorized(generation: Int) {
        guard generation == checkGeneration, case .authorizing = state else { return }
        closeLink()
        state = .checking(started: checkStarted ?? .now)
        publish()
    }

    /// The OAuth step is over: its browser file goes (the wait itself ends with the flow, so no paste
    /// answers it any more).
    private func closeLink() {
        openedLink?.remove()
        openedLink = nil
    }

    private func finishCheck(_ outcome: Result<Checked, any Error>, credentials: Credentials, identity: MachineIdentity,
                             generation: Int) {
        guard generation == checkGeneration else { return }
        inFlight = nil
        closeLink()
        let spec = form.spec
        switch outcome {
        case let .success(done) where done.result?.passes ?? true:
            save(done, identity: identity, check: done.result.map(SavedSetup.Check.passed) ?? .skipped)
        case let .success(done):
            checked = done
            fail(CheckFailure(done.result ?? .unverified(source: spec.title, authMethod: credentials.authMethod)))
        case let .failure(error as ProbeRefusal):
            fail(CheckFailure(refused: error))
        case let .failure(error as OAuthError):
            fail(CheckFailure(oauth: error, signInPending: form.pendingSignIn != nil))
        case let .failure(error as InvalidForm):
            invalid = error
            state = .editing
            publish()
        case .failure(is CancellationError):
            state = .editing
            publish()
        case let .failure(error):
            state = .failed(error)
            publish()
        }
    }

    private func fail(_ failure: CheckFailure) {
        form.markConcerned(failure.concernedOptions)
        state = .checkFailed(failure)
        publish()
    }

    @discardableResult
    private func save(_ done: Checked, identity: MachineIdentity, check: SavedSetup.Check) -> SetupSnapshot {
        let record = check.probe.flatMap { ProbeRecord($0) }
        let envelope = CredentialEnvelope(credentials: done.credentials, spec: form.spec, profile: form.profile, probe: record,
                                          oauth: done.grant.map { OAuthAccessToken($0.tokens) })
        let isFirst = store.location.storedCredentials().isEmpty
        do {
            let path = try store.save(envelope, identity: identity)
            let notice = isFirst ? IdentityNotice(identityPath: store.location.identityPath, recipientsPath: store.location.recipientsPath,
                                                  created: identity.isNew) : nil
            state = .saved(SavedSetup(path: path, check: check, identityNotice: notice))
        } catch {
            state = .failed(error)
        }
        return publish()
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

    /// The identity, unlocked already or openable without asking (no passphrase, or the env var's).
    private func unlockedIdentity() throws(StoreError) -> MachineIdentity {
        if let identity { return identity }
        let unlocked = try store.keeper.load()
        identity = unlocked
        return unlocked
    }
}
