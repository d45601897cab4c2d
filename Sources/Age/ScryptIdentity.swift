import Crypto

/// Decrypts passphrase-encrypted files.
public struct ScryptIdentity: AgeIdentity {
    private let passphrase: String
    private let maxWorkFactor: Int

    /// `maxWorkFactor` bounds the time and memory a hostile file can make decryption spend.
    public init(passphrase: String, maxWorkFactor: Int = 22) {
        self.passphrase = passphrase
        self.maxWorkFactor = maxWorkFactor
    }

    public func unwrap(stanzas: [Stanza]) throws -> SymmetricKey? {
        for stanza in stanzas where stanza.type == ScryptRecipient.stanzaType {
            guard stanzas.count == 1 else {
                throw AgeError.headerFailure("an scrypt stanza must be the only stanza in the header")
            }
            guard stanza.arguments.count == 2 else {
                throw AgeError.headerFailure("an scrypt stanza must have exactly two arguments")
            }
            guard let salt = Base64.decodeUnpadded(Substring(stanza.arguments[0])), salt.count == ScryptRecipient.saltSize else {
                throw AgeError.headerFailure("an scrypt stanza salt must be 16 bytes of canonical base64")
            }
            let workFactor = try parseWorkFactor(stanza.arguments[1])
            return try FileKey.unwrap(stanza.body) {
                try ScryptRecipient.wrapKey(passphrase: passphrase, salt: salt, workFactor: workFactor)
            }
        }
        return nil
    }

    private func parseWorkFactor(_ text: String) throws -> Int {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"),
              text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let workFactor = Int(text)
        else {
            throw AgeError.headerFailure("an scrypt work factor must be a decimal number without leading zeros")
        }
        guard workFactor <= maxWorkFactor else {
            throw AgeError.headerFailure("scrypt work factor \(workFactor) exceeds the maximum of \(maxWorkFactor); raise maxWorkFactor if the file is trusted")
        }
        return workFactor
    }
}
