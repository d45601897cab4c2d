import FoundationEssentials
import Age

/// `recipients.txt`: extra age public keys every stored file is also encrypted to (a teammate, a CI
/// key), one a line, with blank lines and `#` comments, as the age tool reads `-R` files. It is read at
/// each write: a key added to it re-encrypts nothing stored before, until `lakeflow-auth rekey`.
enum RecipientsFile {
    static let sizeLimit = 64 * 1024

    /// The keys in the file; none when there is no file.
    static func load(_ path: String) throws(StoreError) -> [X25519Recipient] {
        guard let bytes = try StoredFile.read(path, limit: sizeLimit, kind: .recipients)?.bytes else { return [] }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(StoreError) -> [X25519Recipient] {
        var recipients: [X25519Recipient] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhiteSpace
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let recipient = try? X25519Recipient(bech32: line) else {
                throw .invalidRecipient(path: path, line: index + 1)
            }
            recipients.append(recipient)
        }
        return recipients
    }
}
