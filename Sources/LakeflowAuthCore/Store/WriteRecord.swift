import Age
import Crypto
import FoundationEssentials

/// `credentials/.written`: when this machine last wrote each stored file, so that a file of its own put
/// back from an older copy (a backup restored, a stale sync) is told apart from the one it replaced.
///
///     acme.age 2025-06-15T15:06:41Z
///     mac hmac-sha256:<base64>
///
/// The MAC is keyed from the identity like an envelope's (another use, another key), so the record
/// can be neither forged nor edited to hide a rollback; whoever can delete it can only make the tool
/// forget, and then nothing is called rolled back: its loss hides a rollback, never a forgery, which
/// each envelope's own MAC shows. A record that does not verify counts as none and is started afresh at
/// the next write. It is written after the credential file, without a flush of its own: a crash in
/// between leaves it behind the file, which hides nothing but that last write's predecessor.
struct WriteRecord {
    static let fileName = ".written"
    static let sizeLimit = 256 * 1024
    private static let keyUse = "lakeflow-auth record of written files v1"

    /// File name (`acme.age`) → the time of the last write, as `CredentialEnvelope.writtenAt` gives it.
    private(set) var times: [String: Date] = [:]

    static func path(_ location: StoreLocation) -> String { location.credentialsFolder + "/" + fileName }

    /// The record, or an empty one when there is none or it does not verify.
    static func load(_ location: StoreLocation, identity: MachineIdentity) -> WriteRecord {
        guard let bytes = (try? StoredFile.read(path(location), limit: sizeLimit, kind: .writeRecord))??.bytes,
              let text = String(validating: bytes, as: UTF8.self) else { return WriteRecord() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "", lines.count >= 2, let macLine = lines.dropLast().last, macLine.hasPrefix("mac hmac-sha256:"),
              let code = Data(base64Encoded: String(macLine.dropFirst("mac hmac-sha256:".count))) else { return WriteRecord() }
        lines.removeLast(2)
        let covered = lines.map { $0 + "\n" }.joined()
        guard identity.identities.contains(where: {
            HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Data(covered.utf8), using: $0.derivedKey(info: keyUse))
        }) else { return WriteRecord() }
        var record = WriteRecord()
        for line in lines {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let date = UTCTimestamp.date(String(parts[1])) else { return WriteRecord() }
            record.times[String(parts[0])] = date
        }
        return record
    }

    /// The record with `file` written at `date`, written out; only ever called holding the store's lock.
    /// What was just written is the latest by definition, whatever its time says (a clock set back).
    static func record(_ date: Date, for file: String, in location: StoreLocation, identity: MachineIdentity) throws(StoreError) {
        var record = load(location, identity: identity)
        record.times[file] = date
        let covered = record.times.sorted { $0.key < $1.key }.map { "\($0.key) \(UTCTimestamp.string($0.value))\n" }.joined()
        let code = HMAC<SHA256>.authenticationCode(for: Data(covered.utf8), using: identity.identities[0].derivedKey(info: keyUse))
        let text = covered + "mac hmac-sha256:\(Data(code).base64EncodedString())\n"
        try AtomicFileWriter.replace(path(location), with: Array(text.utf8), durable: false)
    }
}
