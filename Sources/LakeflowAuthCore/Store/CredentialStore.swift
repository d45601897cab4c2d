import Age
import FoundationEssentials
import Glibc

/// Stored credentials: one age file per connector and profile under `credentials/`, encrypted to this
/// machine's identity and to every key in `recipients.txt` as it is at the time of the write (adding a
/// key there re-encrypts nothing: `rekey` does). Plaintext exists only in memory; writes are atomic
/// and serialized by a lock on `credentials/.lock`, so a reader or a crash sees a whole file, old or
/// new. Every envelope this machine writes carries its MAC (`EnvelopeSeal`), and each write is kept in
/// `WriteRecord`, so that an opened envelope says who wrote it and whether it is an older copy; each
/// write also notes what is not secret in `CredentialIndex`.
///
/// Every method that names credentials takes a profile, `default` when none is given: the file of
/// the default profile is the one stored before profiles existed (`credentials/acme.age`).
public struct CredentialStore: Sendable {
    public let location: StoreLocation
    public let keeper: IdentityKeeper
    let lockTimeout: Duration

    /// Far above any envelope this tool writes; stored files are read no further.
    static let fileSizeLimit = 1 << 20

    public init(keeper: IdentityKeeper, lockTimeout: Duration = .seconds(10)) {
        self.location = keeper.location
        self.keeper = keeper
        self.lockTimeout = lockTimeout
    }

    /// The store of `$LAKEFLOW_AUTH_HOME` (or its default), protected by `$LAKEFLOW_AUTH_PASSPHRASE` when set.
    public init(environment: [String: String], prompt: IdentityKeeper.PassphrasePrompt? = nil) {
        self.init(keeper: IdentityKeeper(location: StoreLocation(environment: environment),
                                         passphrase: environment[IdentityKeeper.passphraseVariable], prompt: prompt))
    }

    /// The same store, using `identity` without asking for its passphrase again.
    public func unlocked(with identity: MachineIdentity) -> CredentialStore {
        CredentialStore(keeper: keeper.unlocked(identity), lockTimeout: lockTimeout)
    }

    /// Encrypts and writes the envelope over any previous one; returns the file's path.
    @discardableResult
    public func save(_ envelope: CredentialEnvelope) throws -> String {
        try save(envelope, identity: try keeper.load())
    }

    /// Saves with an identity already unlocked, as a setup session does before its check. New
    /// credentials for a connector and profile keep the record of the connections made from the ones
    /// they replace: those connections were made from this credential set, and `rotate` updates them.
    @discardableResult
    public func save(_ envelope: CredentialEnvelope, identity: MachineIdentity) throws -> String {
        let path = try path(for: envelope.connector, profile: envelope.profile)
        try location.checkFolders()
        return try lock.withLock { () throws(StoreError) in
            var envelope = envelope
            if envelope.connections.isEmpty {
                envelope.connections = connections(ofFileAt: path, connector: envelope.connector, profile: envelope.profile,
                                                   identity: identity)
            }
            try write(envelope, to: path, identity: identity)
            return path
        }
    }

    /// The connections recorded in the file a save replaces. The file is opened only when its index
    /// entry does not say it has none: opening costs as much as the rest of a save. A previous file
    /// that cannot be opened is being replaced, which is how it gets fixed, so it has none to give.
    private func connections(ofFileAt path: String, connector: String, profile: String,
                             identity: MachineIdentity) -> [PushedConnection] {
        guard let bytes = (try? StoredFile.read(path, limit: Self.fileSizeLimit, kind: .credential))??.bytes else { return [] }
        let indexed = (try? CredentialIndex.read(location))?.facts(for: location.fileName(connector, profile: profile), bytes: bytes)
        if let indexed, indexed.connections.isEmpty { return [] }
        return (try? envelope(in: bytes, connector: connector, profile: profile, path: path, identity: identity))?.connections ?? []
    }

    public func open(_ connector: String, profile: String = ProfileName.default) throws -> CredentialEnvelope {
        try open(connector, profile: profile, identity: try keeper.load())
    }

    public func open(_ connector: String, profile: String = ProfileName.default, identity: MachineIdentity) throws -> CredentialEnvelope {
        let path = try path(for: connector, profile: profile)
        try location.checkFolders()
        do {
            return try open(connector, profile: profile, at: path, identity: identity)
        } catch .notFound {
            throw missing(connector, profile: profile, path: path)
        }
    }

    /// Whether credentials were saved for the connector and profile before, without opening them.
    public func hasStored(_ connector: String, profile: String = ProfileName.default) -> Bool {
        guard let path = try? path(for: connector, profile: profile) else { return false }
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Fails as opening would when nothing is stored for the connector and profile (with the profiles
    /// it does have), before a command asks anyone for anything.
    public func requireStored(_ connector: String, profile: String = ProfileName.default) throws {
        let path = try path(for: connector, profile: profile)
        try location.checkFolders()
        guard hasStored(connector, profile: profile) else { throw missing(connector, profile: profile, path: path) }
    }

    /// The profiles stored for a connector, the default first.
    public func profiles(of connector: String) -> [String] {
        location.storedCredentials().filter { $0.connector == connector }.map(\.profile)
    }

    /// Deletes a connector's file; returns its path.
    @discardableResult
    public func remove(_ connector: String, profile: String = ProfileName.default) throws -> String {
        let path = try path(for: connector, profile: profile)
        try location.checkFolders()
        var status = stat()
        // Without a store there is nothing to lock, and nothing to remove.
        guard lstat(path, &status) == 0 || errno != ENOENT else { throw missing(connector, profile: profile, path: path) }
        try lock.withLock { () throws(StoreError) in
            guard unlink(path) == 0 else {
                if errno == ENOENT { throw notFound(connector, path: path) }
                throw .fromErrno(path, "remove the file")
            }
            updateIndex { _ in }
        }
        return path
    }

    /// Replaces the probe outcome kept with a connector's credentials, leaving the rest as saved. A check
    /// made here seals the file as this machine's, wherever it was written.
    public func recordProbe(_ probe: ProbeRecord, for connector: String, profile: String = ProfileName.default) throws {
        try update(connector, profile: profile) { $0.probe = probe }
    }

    /// Keeps what a refresh granted: the options as the grant left them (a provider that rotates refresh
    /// tokens has issued a new one, and the old one may already be dead), the new access token, and the
    /// probe outcome.
    public func recordRefresh(_ grant: OAuthGrant, probe: ProbeRecord?, for connector: String,
                              profile: String = ProfileName.default) throws {
        try update(connector, profile: profile) { envelope in
            envelope.options = grant.credentials.values
            envelope.oauth = OAuthAccessToken(grant.tokens)
            if let probe { envelope.probe = probe }
        }
    }

    /// Encrypts every stored file again, to this machine's identity and today's `recipients.txt`, each
    /// replaced whole under the store's lock. The plaintext is kept byte for byte, so who wrote a file
    /// stays as it was (a teammate's stays a teammate's). A file that does not open is left as it is
    /// and reported.
    public func rekey() throws -> [RekeyOutcome] {
        try location.checkFolders()
        let identity = try keeper.load()
        let recipients = [identity.recipient] + (try RecipientsFile.load(location.recipientsPath))
        return try lock.withLock { () throws(StoreError) in
            let outcomes = location.storedCredentials().map { name in
                let path = location.credentialPath(name.connector, profile: name.profile)
                do throws(StoreError) {
                    guard let file = try StoredFile.read(path, limit: Self.fileSizeLimit, kind: .credential)?.bytes else {
                        throw notFound(name.connector, path: path)
                    }
                    let plaintext = try decrypt(file, connector: name.connector, path: path, identity: identity)
                    let ciphertext: [UInt8]
                    do {
                        ciphertext = try Age.encrypt(plaintext, to: recipients)
                    } catch {
                        throw .fileSystem(path: path, operation: "encrypt the credentials", reason: "\(error)")
                    }
                    try AtomicFileWriter.replace(path, with: ciphertext)
                    let facts = (try? CredentialIndex.read(location))?.facts(for: location.fileName(name.connector, profile: name.profile),
                                                                            bytes: file)
                    return (RekeyOutcome(connector: name.connector, path: path, recipients: recipients.count, failure: nil),
                            facts.map { ($0, ciphertext) })
                } catch {
                    return (RekeyOutcome(connector: name.connector, path: path, recipients: recipients.count, failure: error), nil)
                }
            }
            // The same facts, bound to the new bytes: `status` keeps reading them without the identity.
            updateIndex { index in
                for case let (_, (facts, bytes)?) in outcomes {
                    index.note(facts, file: location.fileName(facts.name.connector, profile: facts.name.profile), bytes: bytes)
                }
            }
            return outcomes.map(\.0)
        }
    }

    /// Reads a connector's envelope and writes what `change` makes of it, all under the store's lock,
    /// so nothing else writes between the two (a rotated refresh token is never lost to a race). Nil
    /// from `change` writes nothing; a throw leaves the file as it was.
    public func update<T>(_ connector: String, profile: String = ProfileName.default,
                          _ change: (CredentialEnvelope) async throws -> (T, CredentialEnvelope?)) async throws -> T {
        let path = try path(for: connector, profile: profile)
        try location.checkFolders()
        let identity = try keeper.load()
        return try await lock.withLock {
            let (result, changed) = try await change(try open(connector, profile: profile, at: path, identity: identity))
            if let changed { try write(changed, to: path, identity: identity) }
            return result
        }
    }

    /// This machine's public key, creating the identity on first use.
    public func publicKey() throws -> String {
        try keeper.load().publicKey
    }

    /// Creates an identity where there is none, even with credential files left from a lost one
    /// (which it cannot open); returns its public key.
    public func newIdentity() throws -> String {
        try keeper.createReplacement().publicKey
    }

    var lock: FileLock { FileLock(path: location.lockPath, timeout: lockTimeout) }

    /// Opens, changes and writes back one file under the lock; a change that changes nothing writes nothing.
    func update(_ connector: String, profile: String, _ change: (inout CredentialEnvelope) -> Void) throws {
        let path = try path(for: connector, profile: profile)
        try location.checkFolders()
        let identity = try keeper.load()
        try lock.withLock { () throws(StoreError) in
            let stored = try open(connector, profile: profile, at: path, identity: identity)
            var envelope = stored
            change(&envelope)
            if envelope != stored { try write(envelope, to: path, identity: identity) }
        }
    }

    func path(for connector: String, profile: String) throws -> String {
        guard ConnectorName.isValid(connector) else { throw ResolutionError.invalidName(connector) }
        guard ProfileName.isValid(profile) else { throw ProfileError.invalidName(profile, source: "profile") }
        return location.credentialPath(connector, profile: profile)
    }

    /// Why nothing could be opened: a profile the connector does not have (with those it has), or,
    /// for the default profile of a connector without any, nothing stored at all.
    private func missing(_ connector: String, profile: String, path: String) -> Error {
        let stored = profiles(of: connector)
        guard profile == ProfileName.default, stored.isEmpty else {
            return ProfileError.notFound(connector: connector, profile: profile, stored: stored)
        }
        return notFound(connector, path: path)
    }

    /// Names the stored connectors the person may have meant (`fihr` for `fhir`).
    private func notFound(_ connector: String, path: String) -> StoreError {
        let stored = Set(location.storedCredentials().map(\.connector))
        return .notFound(connector: connector, path: path, nearest: NameSuggestion.closest(to: connector, among: Array(stored)))
    }

    private func seal(_ envelope: CredentialEnvelope, identity: MachineIdentity, path: String) throws(StoreError) -> [UInt8] {
        let recipients = [identity.recipient] + (try RecipientsFile.load(location.recipientsPath))
        let plaintext = EnvelopeSeal.sealed(Array(envelope.json.serialized().utf8), by: identity)
        do {
            return try Age.encrypt(plaintext, to: recipients)
        } catch {
            throw .fileSystem(path: path, operation: "encrypt the credentials", reason: "\(error)")
        }
    }

    /// Only ever called holding the lock, which is what makes any temp file found a stale one.
    private func write(_ envelope: CredentialEnvelope, to path: String, identity: MachineIdentity) throws(StoreError) {
        let ciphertext = try seal(envelope, identity: identity, path: path)
        let file = location.fileName(envelope.connector, profile: envelope.profile)
        try location.prepare()
        AtomicFileWriter.removeStaleTemps(in: location.credentialsFolder)
        try AtomicFileWriter.replace(path, with: ciphertext)
        try WriteRecord.record(envelope.writtenAt, for: file, in: location, identity: identity)
        // Whoever wrote the envelope opened, the file is now this machine's, and its latest.
        var facts = CredentialFacts(envelope)
        facts.provenance = .thisMachine
        facts.newerWrittenHere = nil
        updateIndex { index in index.note(facts, file: file, bytes: ciphertext) }
    }

    /// Changes the index, holding the lock, and drops the entries of files that are gone. The
    /// credentials are written by then, and the index can only lag behind them (each entry is bound
    /// to its file's digest, and a file without a matching entry is read instead), so a failure here
    /// is not the caller's: `status` reads the file and writes the entry again.
    func updateIndex(_ change: (inout CredentialIndex) -> Void) {
        var index = (try? CredentialIndex.read(location)) ?? CredentialIndex()
        change(&index)
        index.keepOnly(Set(location.storedCredentials().map { location.fileName($0.connector, profile: $0.profile) }))
        try? index.write(location)
    }

    func open(_ connector: String, profile: String, at path: String, identity: MachineIdentity) throws(StoreError) -> CredentialEnvelope {
        guard let file = try StoredFile.read(path, limit: Self.fileSizeLimit, kind: .credential)?.bytes else {
            throw notFound(connector, path: path)
        }
        return try envelope(in: file, connector: connector, profile: profile, path: path, identity: identity)
    }

    /// The envelope in a stored file's bytes, with who wrote it and whether this machine wrote a later one.
    func envelope(in file: [UInt8], connector: String, profile: String, path: String, identity: MachineIdentity,
                  record: WriteRecord? = nil) throws(StoreError) -> CredentialEnvelope {
        let plaintext = try decrypt(file, connector: connector, path: path, identity: identity)
        var envelope = try CredentialEnvelope(decoding: plaintext, path: path)
        guard envelope.connector == connector else { throw .connectorMismatch(path: path, found: envelope.connector) }
        guard envelope.profile == profile else { throw .profileMismatch(path: path, found: envelope.profile) }
        envelope.provenance = EnvelopeSeal.isSealed(plaintext, by: identity) ? .thisMachine : .elsewhere
        let written = (record ?? WriteRecord.load(location, identity: identity)).times[location.fileName(connector, profile: profile)]
        if let written, written > envelope.writtenAt { envelope.newerWrittenHere = written }
        return envelope
    }

    private func decrypt(_ file: [UInt8], connector: String, path: String, identity: MachineIdentity) throws(StoreError) -> [UInt8] {
        do {
            return try Age.decrypt(file, with: identity.identities)
        } catch AgeError.noIdentityMatched {
            throw .notForThisIdentity(path: path, connector: connector, publicKey: identity.publicKey)
        } catch {
            throw .damaged(path: path, connector: connector)
        }
    }
}
