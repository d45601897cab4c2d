/// Accumulates block-style YAML with two-space indentation.
struct YAMLWriter {
    private(set) var text = ""
    private var indent = 0
    private var pendingListMarker = false

    mutating func line(_ content: String) {
        let prefix = String(repeating: " ", count: indent)
        if pendingListMarker {
            text += String(prefix.dropLast(2)) + "- " + content + "\n"
            pendingListMarker = false
        } else {
            text += prefix + content + "\n"
        }
    }

    mutating func comment(_ content: String) { line("# " + content) }

    mutating func blank() { text += "\n" }

    mutating func indented(_ body: (inout YAMLWriter) -> Void) {
        indent += 2
        body(&self)
        indent -= 2
    }

    /// The first line written inside `body` carries the `- ` marker.
    mutating func listItem(_ body: (inout YAMLWriter) -> Void) {
        indent += 4
        pendingListMarker = true
        body(&self)
        indent -= 4
    }

    mutating func description(_ text: String, width: Int) {
        // A folded block holds text as it is, so text with characters YAML refuses raw is quoted instead.
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(YAMLScalar.isPrintable) else {
            line("description: \(YAMLScalar.quoted(text))")
            return
        }
        line("description: >")
        let lines = WordWrap.lines(text, width: max(20, width - indent - 2))
        indented { out in lines.forEach { out.line($0) } }
    }

    /// A JSON value as block YAML under `key`.
    mutating func mapping(_ key: String, _ value: JSONValue) {
        switch value {
        case let .object(members) where !members.isEmpty:
            line("\(YAMLScalar.string(key)):")
            indented { out in members.forEach { out.mapping($0.0, $0.1) } }
        case let .array(items) where !items.isEmpty:
            line("\(YAMLScalar.string(key)):")
            indented { out in
                for item in items {
                    out.listItem { $0.line(YAMLScalar.value(item)) }
                }
            }
        default:
            line("\(YAMLScalar.string(key)): \(YAMLScalar.value(value))")
        }
    }
}
