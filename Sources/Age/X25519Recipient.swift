import Crypto
import FoundationEssentials

/// The native public-key recipient type, encoded as `age1...`.
public struct X25519Recipient: AgeRecipient, Equatable {
    static let stanzaType = "X25519"
    static let label = Array("age-encryption.org/v1/X25519".utf8)
    private static let hrp = "age"

    let publicKey: Curve25519.KeyAgreement.PublicKey

    init(publicKey: Curve25519.KeyAgreement.PublicKey) {
        self.publicKey = publicKey
    }

    public init(bech32: String) throws {
        let (hrp, data) = try Bech32.decode(bech32)
        guard hrp == Self.hrp, data.count == 32 else {
            throw AgeError.invalidKey("an X25519 recipient must be an age1... string encoding 32 bytes")
        }
        publicKey = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: data)
    }

    public var bech32: String {
        Bech32.encode(hrp: Self.hrp, data: Array(publicKey.rawRepresentation))
    }

    public func wrap(fileKey: SymmetricKey) throws -> [Stanza] {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = Array(ephemeral.publicKey.rawRepresentation)
        let sharedSecret = try ephemeral.sharedSecretFromKeyAgreement(with: publicKey)
        let wrapKey = Self.wrapKey(sharedSecret: sharedSecret, share: share, recipient: Array(publicKey.rawRepresentation))
        return [Stanza(type: Self.stanzaType, arguments: [Base64.encodeUnpadded(share)],
                       body: try FileKey.wrap(fileKey, with: wrapKey))]
    }

    static func wrapKey(sharedSecret: SharedSecret, share: [UInt8], recipient: [UInt8]) -> SymmetricKey {
        sharedSecret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: share + recipient,
                                             sharedInfo: label, outputByteCount: 32)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.publicKey.rawRepresentation == rhs.publicKey.rawRepresentation
    }
}
