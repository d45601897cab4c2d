import Crypto
import FoundationEssentials

/// `credentials/index.json`: the `CredentialFacts` of each credential file, kept in the clear so that
/// `status` and `list` need neither the identity nor its passphrase.
///
///     {"format": 1, "files": {"acme@prod.age": {"sha256": "…", "facts": {…status object…}}}}
///
/// What it reveals to whoever can read the store's folder (only its owner: 0700): what the file
/// names already say (which connectors and profiles), when each was saved and checked, the verdict,
/// the identity the source named, announced expiries, and the workspace and name of each connection.
/// Never an option value, a token or a key.
///
/// It is not authenticated, and needs no authenticating: each entry is bound to the SHA-256 of the
/// exact file it describes, so a file replaced or changed by anything else (a teammate's file copied
/// in, the age tool, an interrupted save) no longer matches its entry, which is then read from the
/// file itself (with the identity) and rewritten. A lie needs write access to the store's folder,
/// which only its owner has (the store refuses a folder or file others could write), and whoever
/// has it could as well replace the credential files. Nothing is taken from the index but to be
/// shown: every command that uses credentials (probe, rotate, connection, export, exec) opens the
/// file. (A save asks it only whether the file it replaces records connections to carry over, so as
/// not to open a file that has none.)
struct CredentialIndex {
    static let fileName = "index.json"
    static let format = 1
    /// A few hundred bytes an entry; far more than any store holds.
    static let sizeLimit = 8 << 20

    struct Entry {
        let sha256: String
        let facts: CredentialFacts
    }

    /// By credential file name.
    private(set) var entries: [String: Entry] = [:]

    /// The index as stored; empty when there is none or it cannot be read as one (it is rebuilt).
    /// - Throws: `StoreError.unsafe` and the like: a planted index is refused as any store file is.
    static func read(_ location: StoreLocation) throws(StoreError) -> CredentialIndex {
        guard let file = try StoredFile.read(location.indexPath, limit: sizeLimit, kind: .index),
              let document = try? JSONParser.parse(file.bytes), document["format"] == .integer(format),
              case let .object(files)? = document["files"] else { return CredentialIndex() }
        var index = CredentialIndex()
        for (name, entry) in files {
            guard let digest = entry["sha256"]?.stringValue, let facts = entry["facts"].flatMap(CredentialFacts.init(json:)) else { continue }
            index.entries[name] = Entry(sha256: digest, facts: facts)
        }
        return index
    }

    /// The facts of the file `name` when its entry describes exactly `bytes`.
    func facts(for name: String, bytes: [UInt8]) -> CredentialFacts? {
        guard let entry = entries[name], entry.sha256 == Self.digest(bytes) else { return nil }
        return entry.facts
    }

    mutating func note(_ facts: CredentialFacts, file name: String, bytes: [UInt8]) {
        entries[name] = Entry(sha256: Self.digest(bytes), facts: facts)
    }

    /// Drops the entries of files no longer in the folder.
    mutating func keepOnly(_ names: Set<String>) {
        entries = entries.filter { names.contains($0.key) }
    }

    /// Replaces the index atomically. Not flushed to disk: after a crash it may be old or gone, which
    /// costs one reading of the files, never a wrong answer.
    func write(_ location: StoreLocation) throws(StoreError) {
        let files = entries.keys.sorted().map { name in
            (name, JSONValue.object([("sha256", .string(entries[name]!.sha256)), ("facts", entries[name]!.facts.json)]))
        }
        let document = JSONValue.object([("format", .integer(Self.format)), ("files", .object(files))])
        try AtomicFileWriter.replace(location.indexPath, with: Array((document.serialized() + "\n").utf8), durable: false)
    }

    /// Lower-case hex, written digit by digit: a `String(radix:)` a byte cost more than the hash.
    static func digest(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
