/// Percent-encoding that leaves only RFC 3986's unreserved characters as they are, so a value
/// can never end a path segment, start a query or smuggle in another parameter.
enum PercentEncoding {
    static func unreserved(_ value: String) -> String {
        encoded(value, keeping: isUnreserved)
    }

    /// As JavaScript's `encodeURIComponent` writes it, which also leaves `!*'()` as they are: how many
    /// servers echo a value, so the scrubber knows this form too.
    static func component(_ value: String) -> String {
        encoded(value) { isUnreserved($0) || "!*'()".utf8.contains($0) }
    }

    private static func encoded(_ value: String, keeping: (UInt8) -> Bool) -> String {
        var encoded = ""
        for byte in value.utf8 {
            if keeping(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
            }
        }
        return encoded
    }

    private static let hexDigits = "0123456789ABCDEF".map(String.init)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
