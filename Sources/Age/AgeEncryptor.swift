import Crypto

/// Encryption and decryption of whole age files held in memory.
public enum Age {
    public static func encrypt(_ plaintext: [UInt8], to recipients: [any AgeRecipient], armored: Bool = false) throws -> [UInt8] {
        guard !recipients.isEmpty else {
            throw AgeError.invalidRecipients("at least one recipient is required")
        }
        let fileKey = FileKey.generate()
        let stanzas = try recipients.flatMap { try $0.wrap(fileKey: fileKey) }
        if stanzas.count > 1 && stanzas.contains(where: { $0.type == ScryptRecipient.stanzaType }) {
            throw AgeError.invalidRecipients("a passphrase recipient cannot be combined with other recipients")
        }
        let file = Header.encode(stanzas: stanzas, fileKey: fileKey) + (try PayloadStream.seal(plaintext, fileKey: fileKey))
        return armored ? Armor.encode(file) : file
    }
}
