import Crypto

extension Age {
    /// Decrypts a binary or armored file, returning nothing unless the whole file verifies.
    public static func decrypt(_ file: [UInt8], with identities: [any AgeIdentity]) throws -> [UInt8] {
        var plaintext: [UInt8] = []
        try decrypt(file, with: identities) { plaintext += $0 }
        return plaintext
    }

    /// Decrypts a binary or armored file, handing each payload chunk to `onVerifiedChunk` as soon
    /// as it is authenticated. When this throws a payload failure, the chunks already delivered
    /// are genuine but the file is incomplete, so callers must not treat them as the whole.
    public static func decrypt(_ file: [UInt8], with identities: [any AgeIdentity],
                               onVerifiedChunk: ([UInt8]) throws -> Void) throws {
        let binary = isBinary(file) ? file : try Armor.decode(file)
        let header = try Header(parsing: binary)
        if header.stanzas.count > 1 && header.stanzas.contains(where: { $0.type == ScryptRecipient.stanzaType }) {
            throw AgeError.headerFailure("an scrypt stanza must be the only stanza in the header")
        }
        guard let fileKey = try unwrapFileKey(header.stanzas, identities) else {
            throw AgeError.noIdentityMatched
        }
        guard header.isAuthentic(fileKey: fileKey) else {
            throw AgeError.hmacFailure
        }
        try PayloadStream.open(binary[header.payloadStart...], fileKey: fileKey, release: onVerifiedChunk)
    }

    private static func unwrapFileKey(_ stanzas: [Stanza], _ identities: [any AgeIdentity]) throws -> SymmetricKey? {
        for identity in identities {
            if let fileKey = try identity.unwrap(stanzas: stanzas) {
                return fileKey
            }
        }
        return nil
    }

    /// Anything that does not start like a binary age file is treated as armor, so that a
    /// damaged armored file reports an armor problem rather than a confusing header one.
    private static func isBinary(_ file: [UInt8]) -> Bool {
        file.isEmpty || file.starts(with: "age-encryption.org/".utf8)
    }
}
