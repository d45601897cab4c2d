import Crypto
import CryptoExtras
import FoundationEssentials

/// Passphrase encryption. It must be the file's only recipient, so that a passphrase-encrypted
/// file stays authenticated by the passphrase alone.
public struct ScryptRecipient: AgeRecipient {
    static let stanzaType = "scrypt"
    static let saltSize = 16
    static let workFactorRange = 1...30
    private static let label = Array("age-encryption.org/v1/scrypt".utf8)

    private let passphrase: String
    private let workFactor: Int

    /// `workFactor` is the base-two logarithm of scrypt's N; each step doubles time and memory.
    public init(passphrase: String, workFactor: Int = 18) {
        self.passphrase = passphrase
        self.workFactor = workFactor
    }

    public func wrap(fileKey: SymmetricKey) throws -> [Stanza] {
        guard Self.workFactorRange.contains(workFactor) else {
            throw AgeError.invalidRecipients("scrypt work factor must be between 1 and 30")
        }
        let salt = SecureRandom.bytes(Self.saltSize)
        let wrapKey = try Self.wrapKey(passphrase: passphrase, salt: salt, workFactor: workFactor)
        return [Stanza(type: Self.stanzaType, arguments: [Base64.encodeUnpadded(salt), String(workFactor)],
                       body: try FileKey.wrap(fileKey, with: wrapKey))]
    }

    static func wrapKey(passphrase: String, salt: [UInt8], workFactor: Int) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: label + salt, outputByteCount: 32,
                                 rounds: 1 << workFactor, blockSize: 8, parallelism: 1)
    }
}
