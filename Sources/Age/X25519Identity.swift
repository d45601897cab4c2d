import Crypto
import FoundationEssentials

/// The native secret key, encoded as `AGE-SECRET-KEY-1...`.
public struct X25519Identity: AgeIdentity {
    private static let hrp = "age-secret-key-"

    private let privateKey: Curve25519.KeyAgreement.PrivateKey

    public static func generate() -> X25519Identity {
        X25519Identity(privateKey: Curve25519.KeyAgreement.PrivateKey())
    }

    private init(privateKey: Curve25519.KeyAgreement.PrivateKey) {
        self.privateKey = privateKey
    }

    public init(bech32: String) throws {
        let (hrp, data) = try Bech32.decode(bech32)
        guard hrp == Self.hrp, data.count == 32 else {
            throw AgeError.invalidKey("an X25519 identity must be an AGE-SECRET-KEY-1... string encoding 32 bytes")
        }
        privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data)
    }

    /// Uppercase, as age-keygen writes it.
    public var bech32: String {
        Bech32.encode(hrp: Self.hrp, data: Array(privateKey.rawRepresentation)).uppercased()
    }

    /// A key for another use than age's, derived from this secret key (HKDF-SHA256, `info` naming the
    /// use): only whoever holds the secret key can make it, and it gives nothing of the key away.
    public func derivedKey(info: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: privateKey.rawRepresentation),
                               info: Data(info.utf8), outputByteCount: 32)
    }

    public var recipient: X25519Recipient {
        X25519Recipient(publicKey: privateKey.publicKey)
    }

    public func unwrap(stanzas: [Stanza]) throws -> SymmetricKey? {
        for stanza in stanzas where stanza.type == X25519Recipient.stanzaType {
            guard stanza.arguments.count == 1 else {
                throw AgeError.headerFailure("an X25519 stanza must have exactly one argument")
            }
            guard let share = Base64.decodeUnpadded(Substring(stanza.arguments[0])), share.count == 32,
                  let peer = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share)
            else {
                throw AgeError.headerFailure("an X25519 stanza share must be 32 bytes of canonical base64")
            }
            // A low-order share yields an all-zero secret that anyone could compute; the spec
            // requires aborting rather than skipping the stanza.
            guard let sharedSecret = try? privateKey.sharedSecretFromKeyAgreement(with: peer),
                  !sharedSecret.withUnsafeBytes({ $0.allSatisfy { $0 == 0 } })
            else {
                throw AgeError.headerFailure("an X25519 stanza share is a low-order point")
            }
            let recipient = Array(privateKey.publicKey.rawRepresentation)
            let fileKey = try FileKey.unwrap(stanza.body) {
                X25519Recipient.wrapKey(sharedSecret: sharedSecret, share: share, recipient: recipient)
            }
            if let fileKey {
                return fileKey
            }
        }
        return nil
    }
}
