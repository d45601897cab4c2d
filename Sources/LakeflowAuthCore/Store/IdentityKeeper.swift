import Age
import FoundationEssentials
import Glibc

/// Loads `identity.txt`, creating it on first use.
///
/// The file is in `age-keygen` format. When `LAKEFLOW_AUTH_PASSPHRASE` is set as the file is created,
/// it is instead scrypt-encrypted (armored), which the age tool also accepts as an identity file.
/// Opening such a file takes the passphrase from the environment, else from `prompt` (which the
/// executable supplies only when there is a terminal to ask on).
public struct IdentityKeeper: Sendable {
    /// Asks a person for the passphrase of the identity file at the given path; `attempt` counts from
    /// 1, so a prompt can say that the last one was wrong. Nil when nobody can be asked or they gave up.
    public typealias PassphrasePrompt = @Sendable (_ identityPath: String, _ attempt: Int) -> String?

    /// How many passphrases a person may type before the identity stays locked, wherever they are asked.
    public static let passphraseAttempts = 3

    public let location: StoreLocation
    let passphrase: String?
    let prompt: PassphrasePrompt?
    /// scrypt's work factor for a newly protected identity file.
    let workFactor: Int
    /// An identity already unlocked, which `load` hands out without reading the file again: one
    /// command that opens and writes several times asks for the passphrase once.
    private let unlocked: MachineIdentity?

    /// The env var that holds the passphrase of a protected identity file.
    public static let passphraseVariable = "LAKEFLOW_AUTH_PASSPHRASE"

    static let sizeLimit = 64 * 1024
    /// Files encrypted with a higher work factor are refused, which bounds what a planted file can cost.
    static let maximumWorkFactor = 22

    public init(location: StoreLocation, passphrase: String?, prompt: PassphrasePrompt? = nil, workFactor: Int = 18) {
        self.init(location: location, passphrase: passphrase, prompt: prompt, workFactor: workFactor, unlocked: nil)
    }

    private init(location: StoreLocation, passphrase: String?, prompt: PassphrasePrompt?, workFactor: Int,
                 unlocked: MachineIdentity?) {
        self.location = location
        self.passphrase = passphrase.flatMap { $0.isEmpty ? nil : $0 }
        self.prompt = prompt
        self.workFactor = workFactor
        self.unlocked = unlocked
    }

    /// The same keeper, handing out `identity` from now on.
    public func unlocked(_ identity: MachineIdentity) -> IdentityKeeper {
        IdentityKeeper(location: location, passphrase: passphrase, prompt: prompt, workFactor: workFactor, unlocked: identity)
    }

    /// True when opening the identity file needs a passphrase nobody has given yet, so a front end
    /// can ask for it in its own way before anything else happens.
    public var needsPassphrase: Bool {
        guard unlocked == nil, passphrase == nil, let file = try? StoredFile.read(location.identityPath, limit: Self.sizeLimit, kind: .identity) else {
            return false
        }
        return Self.isEncrypted(file.bytes)
    }

    /// The same keeper with a passphrase a person typed.
    public func with(passphrase: String) -> IdentityKeeper {
        IdentityKeeper(location: location, passphrase: passphrase, prompt: nil, workFactor: workFactor, unlocked: unlocked)
    }

    public func load() throws(StoreError) -> MachineIdentity {
        try location.checkFolders()
        if let unlocked { return unlocked }
        if let existing = try read(location.identityPath) { return existing }
        // A new identity over files encrypted to a lost one would make every one of them unreadable
        // while blaming whoever saved them; only `identity --new` may do that, knowingly.
        let stored = location.storedCredentials().count
        guard stored == 0 else { throw .identityMissing(path: location.identityPath, credentialFiles: stored) }
        return try create()
    }

    /// Says so when the identity file is gone while credential files remain, for a command that shows
    /// the store without opening it (`status`): a lost identity is reported by every command.
    func checkNotLost(credentialFiles: Int) throws(StoreError) {
        var status = stat()
        guard credentialFiles > 0, lstat(location.identityPath, &status) != 0, errno == ENOENT else { return }
        throw .identityMissing(path: location.identityPath, credentialFiles: credentialFiles)
    }

    /// A new identity where none exists, whatever credential files are left.
    func createReplacement() throws(StoreError) -> MachineIdentity {
        try location.checkFolders()
        var status = stat()
        guard lstat(location.identityPath, &status) != 0, errno == ENOENT else { throw .identityExists(path: location.identityPath) }
        return try create()
    }

    private func create() throws(StoreError) -> MachineIdentity {
        let path = location.identityPath
        try location.prepare()
        let identity = X25519Identity.generate()
        var text = Array(IdentityFile.render(identity, created: Date()).utf8)
        if let passphrase {
            do {
                text = try Age.encrypt(text, to: [ScryptRecipient(passphrase: passphrase, workFactor: workFactor)], armored: true)
            } catch {
                throw .corruptIdentity(path: path, problem: "cannot protect a new identity with the passphrase: \(error)")
            }
        }
        guard try AtomicFileWriter.createNew(path, with: text) else {
            // Another process created it first: everyone uses the one that won.
            guard let winner = try read(path) else { throw .corruptIdentity(path: path, problem: "it vanished as it was created") }
            return winner
        }
        return MachineIdentity(identities: [identity], isNew: true)
    }

    private func read(_ path: String) throws(StoreError) -> MachineIdentity? {
        guard let file = try StoredFile.read(path, limit: Self.sizeLimit, kind: .identity) else { return nil }
        guard file.mode & 0o077 == 0 else { throw .identityExposed(path: path) }
        let bytes = file.bytes
        let text = Self.isEncrypted(bytes) ? try decrypt(bytes, path: path) : bytes
        do {
            return MachineIdentity(identities: try IdentityFile.parse(String(decoding: text, as: UTF8.self)))
        } catch {
            throw .corruptIdentity(path: path, problem: Self.describe(error))
        }
    }

    /// With the passphrase given (the env var's), one try; else the prompt's, up to `passphraseAttempts`.
    private func decrypt(_ file: [UInt8], path: String) throws(StoreError) -> [UInt8] {
        if let passphrase { return try decrypt(file, path: path, passphrase: passphrase) }
        guard let prompt else { throw .passphraseRequired(path: path) }
        for attempt in 1...Self.passphraseAttempts {
            guard let typed = prompt(path, attempt) else { throw .passphraseRequired(path: path) }
            do {
                return try decrypt(file, path: path, passphrase: typed)
            } catch .wrongPassphrase {
                continue
            }
        }
        throw .passphrasesRefused(path: path, attempts: Self.passphraseAttempts)
    }

    private func decrypt(_ file: [UInt8], path: String, passphrase: String) throws(StoreError) -> [UInt8] {
        do {
            return try Age.decrypt(file, with: [ScryptIdentity(passphrase: passphrase, maxWorkFactor: Self.maximumWorkFactor)])
        } catch AgeError.noIdentityMatched {
            throw .wrongPassphrase(path: path)
        } catch {
            throw .corruptIdentity(path: path, problem: Self.describe(error))
        }
    }

    /// An encrypted identity file is an age file, binary or armored, as the age tool decides it.
    private static func isEncrypted(_ bytes: [UInt8]) -> Bool {
        let start = bytes.drop { [0x20, 0x09, 0x0D, 0x0A].contains($0) }
        return start.starts(with: "age-encryption.org/".utf8) || start.starts(with: "-----BEGIN AGE ENCRYPTED FILE-----".utf8)
    }

    private static func describe(_ error: Error) -> String {
        (error as? AgeError)?.description ?? "\(error)"
    }
}
