/// Writes random but valid `options.yaml` declarations, the way a person might: every quoting style,
/// descriptions with odd whitespace, unicode, quotes, colons, '#' and leading dashes, awkward names
/// and oauth values that YAML would happily retype if the renderer quoted them wrong.
struct RandomDeclarations {
    var random: SeededRandom
    private var text = ""

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// Option, method and table-option names: plain identifiers and the ones YAML reads as something else.
    private static let awkwardNames = ["yes", "No", "on", "OFF", "null", "Null", "true", "y", "n", "1e3", "0x1F",
                                       "0o17", "1_000", "2001-12-14", "-dash", ".inf", ".nan", "a.b", "a-b", "_x", "x1"]
    private static let pieces = ["word", "Ünïcödé", "中文", "🚀", "e\u{301}", "\u{301}x", "שלום", "\"quoted\"", "it's", "a: b",
                                 "key:", "# not a comment", "#x", "- dash", "-", "* star", "&anchor", "*alias",
                                 "!!binary", "? q", "%", "@at", "`tick`", "{brace}", "[bracket]", "|", ">", "\\",
                                 "C:\\path", "https://x.example/{id}?a=1&b=2", "tab\there", "null", "true", "42",
                                 "3.14", "~", ",", "...", "---", "\u{7}", "\u{85}", "\u{2028}", "\u{9B}", "\u{FEFF}",
                                 "\u{1B}[31m"]
    private static let separators = [" ", "  ", "\t", "\n", "\n\n", " \n ", "\u{A0}", "\u{2003}", "\r\n"]

    /// One declarations file; the counts returned let the caller check the file was read as intended.
    mutating func make() -> (text: String, optionCount: Int, methodCount: Int) {
        text = ""
        if random.chance(0.7) { line(0, "display_name: \(scalar(phrase(maxWords: 4)))") }
        var used: Set<String> = []
        let shared = (0..<Int.random(in: 0...4, using: &random)).map { _ in freshName(&used) }
        if !shared.isEmpty || random.chance(0.2) {
            line(0, shared.isEmpty ? "options: []" : "options:")
            shared.forEach { option($0, indent: 2) }
        }
        var methodNames: Set<String> = []
        let methodCount = Int.random(in: 0...3, using: &random)
        var methodOptionCount = 0
        if methodCount > 0 {
            line(0, "auth_methods:")
            for _ in 0..<methodCount {
                let name = freshName(&methodNames)
                line(2, "- name: \(scalar(name))")
                if random.chance(0.8) { description(indent: 4) }
                var own = used
                let names = (0..<Int.random(in: 0...3, using: &random)).map { _ in freshName(&own) }
                methodOptionCount += names.count
                if names.isEmpty {
                    if random.chance(0.5) { line(4, "options: []") }
                } else {
                    line(4, "options:")
                    names.forEach { option($0, indent: 6) }
                }
            }
        }
        if random.chance(0.6) {
            var tableNames: Set<String> = []
            line(0, "table_options:")
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                line(2, "- name: \(scalar(freshName(&tableNames)))")
                if random.chance(0.5) { description(indent: 4) }
            }
        }
        if random.chance(0.5) { oauth() }
        if methodCount == 0, let target = shared.first(where: { $0.allSatisfy { $0.isLetter || $0 == "_" } }) {
            line(0, "probe:")
            line(2, "url: \"https://probe.example/{\(target)}\"")
            line(2, "expect: [200, 204]")
            line(2, "identity: /login")
        }
        if text.isEmpty { line(0, "options: []") }
        return (text, shared.count + methodOptionCount, methodCount)
    }

    private mutating func line(_ indent: Int, _ content: String) {
        text += String(repeating: " ", count: indent) + content + "\n"
    }

    private mutating func freshName(_ used: inout Set<String>) -> String {
        while true {
            let name: String
            if random.chance(0.25) {
                name = random.pick(Self.awkwardNames)
            } else {
                let letters = Array("abcdefghijklmnopqrstuvwxyz")
                let tail = Array("abcdefghijklmnopqrstuvwxyz0123456789_")
                name = String(random.pick(letters))
                    + String((0..<Int.random(in: 0...10, using: &random)).map { _ in random.pick(tail) })
            }
            // Names that differ only in what an env var cannot hold (a.b, a-b) would share one.
            if used.insert(name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()).inserted { return name }
        }
    }

    private mutating func phrase(maxWords: Int) -> String {
        var out = random.chance(0.3) ? random.pick(Self.separators) : ""
        for index in 0..<Int.random(in: 1...maxWords, using: &random) {
            if index > 0 { out += random.pick(Self.separators) }
            out += random.pick(Self.pieces)
        }
        return out + (random.chance(0.3) ? random.pick(Self.separators) : "")
    }

    private mutating func option(_ name: String, indent: Int) {
        line(indent, "- name: \(scalar(name))")
        let inner = indent + 2
        let type = random.pick(["", "string", "integer", "number", "boolean", "url", "choice"])
        if !type.isEmpty { line(inner, "type: \(type)") }
        if random.chance(0.6) { line(inner, "required: \(random.pick(["true", "false", "yes", "no", "True"]))") }
        if random.chance(0.4) { line(inner, "secret: \(random.pick(["true", "false", "on", "off"]))") }
        if random.chance(0.8) { description(indent: inner) }
        if random.chance(0.3) { line(inner, "example: \(scalar(phrase(maxWords: 2)))") }
        if random.chance(0.2) { line(inner, "env: CUSTOM_\(name.uppercased().filter { $0.isLetter || $0.isNumber })_VAR") }
        switch type {
        case "integer":
            if random.chance(0.5) { line(inner, "default: \(Int.random(in: -1000...1000, using: &random))") }
        case "number":
            if random.chance(0.5) { line(inner, "default: \(random.pick(["1.5", "-0.25", "3", "1e3"]))") }
        case "boolean":
            if random.chance(0.5) { line(inner, "default: \(random.pick(["true", "false", "\"yes\"", "off"]))") }
        case "url":
            if random.chance(0.5) { line(inner, "default: https://api.example.com/v1") }
        case "choice":
            let choices = random.pick([["us", "eu"], ["yes", "no"], ["1", "2", "3"], ["a b", "c: d"]])
            line(inner, "choices: [\(choices.map(quoted).joined(separator: ", "))]")
            if random.chance(0.5) { line(inner, "default: \(quoted(random.pick(choices)))") }
        default:
            if random.chance(0.3) {
                line(inner, "pattern: '^[a-z]+$'")
                if random.chance(0.5) { line(inner, "default: abc") }
            }
        }
    }

    private mutating func description(indent: Int) {
        let text = phrase(maxWords: 12)
        let printable = text.unicodeScalars.allSatisfy { scalar in
            ["\n", "\t", "\r"].contains(scalar) || (scalar.value >= 0x20 && scalar.value < 0x7F)
                || (scalar.value >= 0xA0 && scalar.value != 0xFEFF && !(0x2028...0x2029).contains(scalar.value))
        }
        let style = printable ? random.pick(["double", "single", "folded", "literal"]) : "double"
        switch style {
        case "single":
            let body = text.replacingOccurrences(of: "'", with: "''")
                .replacingOccurrences(of: "\r\n", with: "\n")
                .split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n" + String(repeating: " ", count: indent + 2))
            line(indent, "description: '\(body)'")
        case "folded", "literal":
            // A block's first line sets its indentation, so no line may start with a space of its own.
            let lines = text.unicodeScalars.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
                .map { String(String.UnicodeScalarView($0.drop { $0.properties.isWhitespace })) }
                .filter { !$0.isEmpty }
            guard !lines.isEmpty else { line(indent, "description: \"\""); return }
            line(indent, "description: \(style == "folded" ? ">" : "|")")
            lines.forEach { line(indent + 2, $0) }
        default:
            line(indent, "description: \(quoted(text))")
        }
    }

    private mutating func oauth() {
        line(0, "oauth:")
        let values = ["m2m", "u2m", "true", "123", "1.5", "null", "~", "", "yes", "y", "on", "a: b", "#hash",
                      "- dash", "a,b", "offline", "0x1F", "1_000", "2001-12-14", "https://login.example/{tenant}/token",
                      "scope.one scope.two", "é 中文 🚀"]
        var keys: Set<String> = []
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let key = freshName(&keys)
            switch Int.random(in: 0...6, using: &random) {
            case 0: line(2, "\(quoted(key)): \(random.pick(["true", "false", "yes", "off"]))")
            case 1: line(2, "\(quoted(key)): \(random.pick(["0", "42", "-7", "0x1F", "1_000"]))")
            case 2: line(2, "\(quoted(key)): \(random.pick(["1.5", "2.0", "-0.5", "1e3", "1.0e+300"]))")
            case 3:
                line(2, "\(quoted(key)):")
                for _ in 0..<Int.random(in: 1...3, using: &random) { line(4, "- \(quoted(random.pick(values)))") }
            case 4:
                line(2, "\(quoted(key)):")
                var inner: Set<String> = []
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    line(4, "\(quoted(freshName(&inner))): \(quoted(random.pick(values)))")
                }
            case 5: line(2, "\(quoted(key)): [\(quoted(random.pick(values))), 2.0, {inner: 1.5}]")
            default: line(2, "\(quoted(key)): \(quoted(random.pick(values)))")
            }
        }
    }

    /// Plain when the text is a simple word, else double-quoted.
    private mutating func scalar(_ text: String) -> String {
        let simple = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_") }
            && !Self.awkwardNames.contains(text) && !["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
                .contains(text.lowercased())
        return simple && random.chance(0.5) ? text : quoted(text)
    }

    /// A YAML double-quoted scalar; YAML's escapes are a superset of JSON's.
    private func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || (0x2028...0x2029).contains(scalar.value) || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
