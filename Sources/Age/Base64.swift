import FoundationEssentials

/// Base64 as age uses it. Decoding insists on the canonical spelling so that a file has exactly
/// one valid encoding and cannot be altered without breaking its MAC.
enum Base64 {
    static func encodeUnpadded(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Returns nil unless `text` is canonical unpadded base64.
    static func decodeUnpadded(_ text: Substring) -> [UInt8]? {
        guard text.utf8.allSatisfy(isAlphabet), text.utf8.count % 4 != 1 else { return nil }
        let padding = String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: text + padding), encodeUnpadded(data) == text else { return nil }
        return [UInt8](data)
    }

    /// Returns nil unless `text` is canonical padded base64, as PEM requires.
    static func decodePadded(_ text: Substring) -> [UInt8]? {
        guard text.utf8.allSatisfy({ isAlphabet($0) || $0 == UInt8(ascii: "=") }),
              let data = Data(base64Encoded: String(text)),
              data.base64EncodedString() == text
        else { return nil }
        return [UInt8](data)
    }

    static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
