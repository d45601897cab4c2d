/// Text with `{option}` placeholders, as probe URLs and auth values are declared. A check's templates
/// may also read a member of a JSON document: `{token/access_token}` (see `reference(_:)`).
public struct Template: Sendable, Equatable, CustomStringConvertible {
    public enum Part: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    public let text: String
    public let parts: [Part]

    public struct Malformed: Error, Equatable {
        public let problem: String
    }

    public init(_ text: String) throws(Malformed) {
        // Templates become URLs and header values: a CR or LF would add a header of the spec's choosing.
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Malformed(problem: "has a control character (a line break, tab or NUL)")
        }
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{" else { throw Malformed(problem: "has a '}' without its '{'") }
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw Malformed(problem: "has a '{' without its '}'")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard Self.isValidPlaceholder(name) else {
                throw Malformed(problem: "has placeholder {\(TerminalText.excerpt(name))}, which is not an option name")
            }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(.placeholder(name))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.text = text
        self.parts = parts
    }

    /// A placeholder is an option name, optionally followed by a JSON pointer without its leading `/`:
    /// `token`, `token/access_token`, `service_account_json/client_email`.
    static func isValidPlaceholder(_ text: String) -> Bool {
        let (name, pointer) = reference(text)
        guard OptionName.isValid(name) else { return false }
        guard let pointer else { return true }
        return pointer.count > 1 && !pointer.unicodeScalars.contains { $0 == "{" || $0.properties.isWhitespace }
    }

    /// A placeholder's name and, for `{name/pointer}`, the JSON pointer (with its leading `/`) into
    /// the document that name holds.
    public static func reference(_ placeholder: String) -> (name: String, pointer: String?) {
        guard let slash = placeholder.firstIndex(of: "/") else { return (placeholder, nil) }
        return (String(placeholder[..<slash]), String(placeholder[slash...]))
    }

    public var placeholders: [String] {
        parts.compactMap { if case let .placeholder(name) = $0 { return name } else { return nil } }
    }

    /// Fills the placeholders; `encode` transforms each value before insertion.
    public func fill(_ value: (String) -> String) -> String {
        parts.map { part in
            switch part {
            case let .literal(text): return text
            case let .placeholder(name): return value(name)
            }
        }.joined()
    }

    public var description: String { text }
}
