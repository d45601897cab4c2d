import Crypto
import FoundationEssentials

/// The textual header: version line, recipient stanzas, and the MAC that binds them to the file key.
struct Header {
    static let versionLine = "age-encryption.org/v1"

    let stanzas: [Stanza]
    let mac: [UInt8]
    /// Everything up to and including `---`, the bytes the MAC covers as they appeared on disk,
    /// so that a lenient re-encoding can never make a tampered header verify.
    let authenticatedBytes: ArraySlice<UInt8>
    /// Offset of the payload within the parsed file.
    let payloadStart: Int

    init(parsing file: [UInt8]) throws {
        var lines = HeaderLines(file)
        guard let version = try lines.next() else {
            throw AgeError.headerFailure("file is empty")
        }
        guard version == Self.versionLine else {
            throw AgeError.headerFailure(version.hasPrefix("age-encryption.org/")
                ? "unsupported age format version; only v1 is supported"
                : "not an age file: missing the age-encryption.org/v1 line")
        }
        var stanzas: [Stanza] = []
        while true {
            guard let line = try lines.peek() else {
                throw AgeError.headerFailure("header ends before the '---' mac line")
            }
            if line.hasPrefix("---") { break }
            stanzas.append(try Stanza.parse(&lines))
        }
        guard !stanzas.isEmpty else {
            throw AgeError.headerFailure("header has no recipient stanzas")
        }
        guard let macLine = try lines.next(), macLine.hasPrefix("--- "),
              let mac = Base64.decodeUnpadded(macLine.dropFirst(4)), mac.count == SHA256.byteCount
        else {
            throw AgeError.headerFailure("the '---' line must carry a canonical base64 32-byte mac")
        }
        self.stanzas = stanzas
        self.mac = mac
        authenticatedBytes = file[..<(lines.lineStart + 3)]
        payloadStart = lines.offset
    }

    /// Encodes a complete header for `stanzas`, authenticated with `fileKey`.
    static func encode(stanzas: [Stanza], fileKey: SymmetricKey) -> [UInt8] {
        let authenticated = Array((versionLine + "\n" + stanzas.map(\.encoded).joined() + "---").utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: authenticated, using: macKey(fileKey))
        return authenticated + Array((" " + Base64.encodeUnpadded(mac) + "\n").utf8)
    }

    func isAuthentic(fileKey: SymmetricKey) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: authenticatedBytes, using: Self.macKey(fileKey))
    }

    private static func macKey(_ fileKey: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, info: Array("header".utf8), outputByteCount: 32)
    }
}
