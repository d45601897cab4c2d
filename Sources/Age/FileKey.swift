import Crypto

/// The 128-bit per-file key and how recipient stanzas wrap it.
enum FileKey {
    static let size = 16
    private static let wrappedSize = size + 16

    static func generate() -> SymmetricKey {
        SymmetricKey(size: .bits128)
    }

    /// Seals under an all-zero nonce, which is safe because every wrap key is used exactly once.
    static func wrap(_ fileKey: SymmetricKey, with wrapKey: SymmetricKey) throws -> [UInt8] {
        let box = try ChaChaPoly.seal(fileKey.withUnsafeBytes { Array($0) }, using: wrapKey, nonce: zeroNonce())
        return Array(box.ciphertext) + Array(box.tag)
    }

    /// Returns nil when the body does not authenticate, meaning the stanza is for someone else.
    /// The length is checked before deriving the wrap key, both to defeat partitioning oracles
    /// and to avoid spending an expensive derivation on a body that cannot be valid.
    static func unwrap(_ body: [UInt8], with deriveWrapKey: () throws -> SymmetricKey) throws -> SymmetricKey? {
        guard body.count == wrappedSize else {
            throw AgeError.headerFailure("recipient stanza body must wrap a 16-byte file key")
        }
        let wrapKey = try deriveWrapKey()
        let box = try ChaChaPoly.SealedBox(nonce: zeroNonce(), ciphertext: body.prefix(size), tag: body.suffix(16))
        guard let fileKey = try? ChaChaPoly.open(box, using: wrapKey) else { return nil }
        return SymmetricKey(data: fileKey)
    }

    private static func zeroNonce() throws -> ChaChaPoly.Nonce {
        try ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12))
    }
}
