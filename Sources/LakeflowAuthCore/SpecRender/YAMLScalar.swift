/// Writes YAML scalars: plain where YAML would read them back as the same string, double-quoted
/// everywhere else, and numbers so that YAML reads back the type they had.
enum YAMLScalar {
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""]

    static func string(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    /// A double-quoted scalar. Beyond JSON's escapes, YAML needs what its reader refuses raw (C1
    /// controls, U+FFFE/FFFF) and what it would fold as a line break (U+0085, U+2028, U+2029) escaped.
    static func quoted(_ text: String) -> String {
        var out = ""
        JSONValue.writeString(text, into: &out) { scalar in
            !isPrintable(scalar) || scalar.value == 0x85 || (0x2028...0x2029).contains(scalar.value)
        }
        return out
    }

    /// What a YAML reader keeps raw inside a scalar, line breaks and tabs aside: YAML 1.1's printable
    /// characters, less U+FEFF, which libyaml drops as a byte order mark at the start of a line.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFEFF: return false
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// A value under a key or in a block list. Nested arrays and objects are written in flow style,
    /// where every string is quoted so that no flow indicator in it can be misread.
    static func value(_ value: JSONValue) -> String {
        switch value {
        case let .string(s): return string(s)
        default: return flow(value)
        }
    }

    private static func flow(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .integer(i): return String(i)
        // Swift writes a Double with a '.' or an exponent ("2.0", "1e+16"), which YAML reads as a float.
        case let .number(d): return d.isFinite ? "\(d)" : "null"
        case let .string(s): return quoted(s)
        case let .array(items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case let .object(members): return "{" + members.map { quoted($0.0) + ": " + flow($0.1) }.joined(separator: ", ") + "}"
        }
    }

    private static func isSafePlain(_ text: String) -> Bool {
        guard !reserved.contains(text.lowercased()), Double(text) == nil, Int(text) == nil,
              let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" || first == "/",
              text.last != " ", text.last != ":", !text.contains(": "), !text.hasPrefix("0x") else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || " _./:()+-=?&%,".unicodeScalars.contains($0))
        } && !text.contains(" ,") && !text.contains(",")
    }
}
