/// Writes YAML scalars: plain where YAML would read them back as the same string, double-quoted
/// (with JSON's escapes, which YAML shares) everywhere else.
enum YAMLScalar {
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""]

    static func string(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        var out = ""
        JSONValue.writeString(text, into: &out)
        return out
    }

    static func value(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case let .string(s): return string(s)
        case .bool, .integer, .number: return value.serialized()
        case .array, .object: return value.serialized()
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
