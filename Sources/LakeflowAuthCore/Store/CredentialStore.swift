import Age
import Foundation

/// Stored credentials: one age file per connector under `credentials/`, encrypted to this machine's
/// identity and to every key in `recipients.txt`. Plaintext exists only in memory; writes are atomic
/// and serialized by a lock on `credentials/.lock`, so a reader or a crash sees a whole file, old or new.
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

    /// Encrypts and writes the envelope over any previous one; returns the file's path.
    @discardableResult
    public func save(_ envelope: CredentialEnvelope) throws -> String {
        try save(envelope, identity: try keeper.load())
    }

    /// Saves with an identity already unlocked, as a setup session does before its check.
    @discardableResult
    public func save(_ envelope: CredentialEnvelope, identity: MachineIdentity) throws -> String {
        let path = try path(for: envelope.connector)
        try location.checkFolders()
        let ciphertext = try seal(envelope, identity: identity)
        try lock.withLock { () throws(StoreError) in try write(ciphertext, to: path) }
        return path
    }

    public func open(_ connector: String) throws -> CredentialEnvelope {
        try open(connector, identity: try keeper.load())
    }

    public func open(_ connector: String, identity: MachineIdentity) throws -> CredentialEnvelope {
        let path = try path(for: connector)
        try location.checkFolders()
        return try open(connector, at: path, identity: identity)
    }

    /// Whether credentials were saved for the connector before, without opening them.
    public func hasStored(_ connector: String) -> Bool {
        guard let path = try? path(for: connector) else { return false }
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Every stored file in name order; one that cannot be opened is listed with the reason.
    public func list() throws -> [StoredCredentialSummary] {
        try location.checkFolders()
        let connectors = location.storedConnectors()
        guard !connectors.isEmpty else { return [] }
        let identity = try keeper.load()
        return connectors.map { connector in
            let path = location.credentialPath(connector)
            do throws(StoreError) {
                return StoredCredentialSummary(connector: connector, path: path,
                                               contents: .readable(try open(connector, at: path, identity: identity)))
            } catch {
                return StoredCredentialSummary(connector: connector, path: path, contents: .unreadable(error))
            }
        }
    }

    /// Deletes a connector's file; returns its path.
    @discardableResult
    public func remove(_ connector: String) throws -> String {
        let path = try path(for: connector)
        try location.checkFolders()
        var status = stat()
        // Without a store there is nothing to lock, and nothing to remove.
        guard lstat(path, &status) == 0 || errno != ENOENT else { throw StoreError.notFound(connector: connector, path: path) }
        try lock.withLock { () throws(StoreError) in
            guard unlink(path) == 0 else {
                if errno == ENOENT { throw .notFound(connector: connector, path: path) }
                throw .fromErrno(path, "remove the file")
            }
        }
        return path
    }

    /// Replaces the probe outcome kept with a connector's credentials, leaving the rest as saved.
    public func recordProbe(_ probe: ProbeRecord, for connector: String) throws {
        let path = try path(for: connector)
        let identity = try keeper.load()
        try lock.withLock { () throws(StoreError) in
            var envelope = try open(connector, at: path, identity: identity)
            envelope.probe = probe
            try write(try seal(envelope, identity: identity), to: path)
        }
    }

    /// Keeps what a refresh granted: the options as the grant left them (a provider that rotates refresh
    /// tokens has issued a new one, and the old one may already be dead), the new access token, and the
    /// probe outcome.
    public func recordRefresh(_ grant: OAuthGrant, probe: ProbeRecord?, for connector: String) throws {
        let path = try path(for: connector)
        try location.checkFolders()
        let identity = try keeper.load()
        try lock.withLock { () throws(StoreError) in
            var envelope = try open(connector, at: path, identity: identity)
            envelope.options = grant.credentials.values
            envelope.oauth = OAuthAccessToken(grant.tokens)
            if let probe { envelope.probe = probe }
            try write(try seal(envelope, identity: identity), to: path)
        }
    }

    /// Reads a connector's envelope and writes what `change` makes of it, all under the store's lock,
    /// so nothing else writes between the two (a rotated refresh token is never lost to a race). Nil
    /// from `change` writes nothing; a throw leaves the file as it was.
    public func update<T>(_ connector: String,
                          _ change: (CredentialEnvelope) async throws -> (T, CredentialEnvelope?)) async throws -> T {
        let path = try path(for: connector)
        try location.checkFolders()
        let identity = try keeper.load()
        return try await lock.withLock {
            let (result, changed) = try await change(try open(connector, at: path, identity: identity))
            if let changed { try write(try seal(changed, identity: identity), to: path) }
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

    private var lock: FileLock { FileLock(path: location.lockPath, timeout: lockTimeout) }

    private func path(for connector: String) throws -> String {
        guard ConnectorName.isValid(connector) else { throw ResolutionError.invalidName(connector) }
        return location.credentialPath(connector)
    }

    private func seal(_ envelope: CredentialEnvelope, identity: MachineIdentity) throws(StoreError) -> [UInt8] {
        let recipients = [identity.recipient] + (try RecipientsFile.load(location.recipientsPath))
        let plaintext = Array(envelope.json.serialized().utf8)
        do {
            return try Age.encrypt(plaintext, to: recipients)
        } catch {
            throw .fileSystem(path: location.credentialPath(envelope.connector), operation: "encrypt the credentials", reason: "\(error)")
        }
    }

    /// Only ever called holding the lock, which is what makes any temp file found a stale one.
    private func write(_ ciphertext: [UInt8], to path: String) throws(StoreError) {
        try location.prepare()
        AtomicFileWriter.removeStaleTemps(in: location.credentialsFolder)
        try AtomicFileWriter.replace(path, with: ciphertext)
    }

    private func open(_ connector: String, at path: String, identity: MachineIdentity) throws(StoreError) -> CredentialEnvelope {
        guard let file = try StoredFile.read(path, limit: Self.fileSizeLimit, kind: .credential)?.bytes else {
            throw .notFound(connector: connector, path: path)
        }
        let plaintext: [UInt8]
        do {
            plaintext = try Age.decrypt(file, with: identity.identities)
        } catch AgeError.noIdentityMatched {
            throw .notForThisIdentity(path: path, connector: connector, publicKey: identity.publicKey)
        } catch {
            throw .damaged(path: path, connector: connector)
        }
        let envelope = try CredentialEnvelope(decoding: plaintext, path: path)
        guard envelope.connector == connector else { throw .connectorMismatch(path: path, found: envelope.connector) }
        return envelope
    }
}
