/// Writes YAML scalars: plain where YAML would read them back as the same string, double-quoted
/// everywhere else, and numbers so that YAML reads back the type they had.
enum YAMLScalar {
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""]

    static func string(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    /// A double-quoted scalar, with JSON's escapes and more: what YAML's reader refuses raw (C1
    /// controls, U+FFFE/FFFF), what it would fold as a line break (U+0085, U+2028, U+2029) and what the
    /// terminal sanitizer stops are escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where !isPrintable(scalar) || scalar.value == 0x85 || (0x2028...0x2029).contains(scalar.value):
                // YAML escapes a scalar beyond the Basic Multilingual Plane whole (`\U`), where JSON
                // would write a surrogate pair, which YAML refuses.
                let hex = String(scalar.value, radix: 16)
                let width = scalar.value > 0xFFFF ? 8 : 4
                out += (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: width - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// What a generated file may hold raw inside a scalar, line breaks and tabs aside: YAML 1.1's
    /// printable characters, less what the terminal sanitizer stops (bidi overrides, zero-width
    /// characters, U+FEFF, which libyaml would also drop as a byte order mark): a person reviewing the
    /// file in a terminal or a diff sees `\u202e` where the file's reader will see the character.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return !TerminalText.isUnsafe(scalar)
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
