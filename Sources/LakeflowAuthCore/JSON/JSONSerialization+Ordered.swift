extension JSONValue {
    /// Compact JSON, or indented by two spaces when `pretty`; keys in their stored order.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .integer(i): out += String(i)
        case let .number(d): out += d.isFinite ? JSONValue.format(d) : "null"
        case let .string(s): JSONValue.writeString(s, into: &out)
        case let .array(items):
            writeContainer(items, open: "[", close: "]", into: &out, pretty: pretty, indent: indent) { item, out in
                item.write(into: &out, pretty: pretty, indent: indent + 1)
            }
        case let .object(members):
            writeContainer(members, open: "{", close: "}", into: &out, pretty: pretty, indent: indent) { member, out in
                JSONValue.writeString(member.0, into: &out)
                out += pretty ? ": " : ":"
                member.1.write(into: &out, pretty: pretty, indent: indent + 1)
            }
        }
    }

    private func writeContainer<T>(
        _ elements: [T], open: String, close: String, into out: inout String, pretty: Bool, indent: Int,
        element: (T, inout String) -> Void
    ) {
        out += open
        guard !elements.isEmpty else { out += close; return }
        let inner = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
        for (index, item) in elements.enumerated() {
            if index > 0 { out += pretty ? "," : "," }
            out += inner
            element(item, &out)
        }
        out += pretty ? "\n" + String(repeating: "  ", count: indent) : ""
        out += close
    }

    /// A double-quoted string with JSON's escapes, and `\uXXXX` for what `needsEscape` picks.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsEscape(scalar):
                // Beyond the Basic Multilingual Plane an escape is a UTF-16 surrogate pair.
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Every scalar the terminal output replaces is written as an escape, so JSON output piped to a
    /// terminal or a browser cannot reorder or hide text either; escaping loses nothing.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isUnsafe(scalar)
    }
}
