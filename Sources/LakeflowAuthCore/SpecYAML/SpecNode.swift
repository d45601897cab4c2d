/// A YAML node that knows its file and position, so every complaint about it names `path:line:column`.
struct SpecNode {
    let node: YAMLNode
    let path: String

    var location: SourceLocation { SourceLocation(path: path, line: node.line, column: node.column) }

    func error(_ problem: String, hint: String? = nil) -> SpecError {
        SpecError(location, problem, hint: hint)
    }

    /// What the scalar is, as YAML types it; nil for collections.
    var scalarType: ScalarType? {
        guard case let .scalar(scalar) = node.content else { return nil }
        return ScalarType(scalar)
    }

    var isNull: Bool { scalarType == .null }

    func mapping(_ what: String) throws -> SpecMapping {
        guard case let .mapping(mapping) = node.content else {
            throw error("\(what) must be a mapping of keys to values, not \(kind)")
        }
        return try SpecMapping(mapping: mapping, owner: self)
    }

    func sequence(_ what: String) throws -> [SpecNode] {
        guard case let .sequence(sequence) = node.content else {
            throw error("\(what) must be a list (lines starting with '- '), not \(kind)")
        }
        return sequence.map { SpecNode(node: $0, path: path) }
    }

    /// A string-valued scalar; numbers and booleans are taken as their text, as YAML would.
    func string(_ what: String) throws -> String {
        guard case let .scalar(scalar) = node.content, !isNull else {
            throw error("\(what) must be text, not \(kind)")
        }
        return scalar.text
    }

    func bool(_ what: String) throws -> Bool {
        guard case let .bool(value) = scalarType else {
            throw error("\(what) must be true or false, not \(describedValue)",
                        hint: "write \(what) without quotes: true or false")
        }
        return value
    }

    func int(_ what: String) throws -> Int {
        guard case let .integer(value) = scalarType else {
            throw error("\(what) must be a whole number, not \(describedValue)")
        }
        return value
    }

    /// The value as YAML typed it, for mappings kept verbatim (`oauth`, unknown parameter keys).
    func jsonValue() throws -> JSONValue {
        switch node.content {
        case let .scalar(scalar):
            switch ScalarType(scalar) {
            case .null: return .null
            case let .bool(value): return .bool(value)
            case let .integer(value): return .integer(value)
            case let .number(value) where value.isFinite: return .number(value)
            case .number, .string: return .string(scalar.text)
            }
        case .sequence:
            return .array(try sequence("value").map { try $0.jsonValue() })
        case .mapping:
            return .object(try mapping("value").pairs.map { ($0.key, try $0.value.jsonValue()) })
        }
    }

    var kind: String {
        switch node.content {
        case .scalar: return isNull ? "an empty value" : "the scalar \(describedValue)"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    var describedValue: String {
        guard case let .scalar(scalar) = node.content else { return kind }
        if isNull { return "an empty value" }
        let text = scalar.text.count > 40 ? String(scalar.text.prefix(40)) + "…" : scalar.text
        return "\"\(TerminalText.excerpt(text))\""
    }
}

/// A YAML mapping whose keys are plain strings, in file order.
struct SpecMapping {
    struct Pair {
        let key: String
        let keyNode: SpecNode
        let value: SpecNode
    }

    let pairs: [Pair]
    let owner: SpecNode

    init(mapping: [(key: YAMLNode, value: YAMLNode)], owner: SpecNode) throws {
        var pairs: [Pair] = []
        for (keyNode, valueNode) in mapping {
            let key = SpecNode(node: keyNode, path: owner.path)
            guard case let .scalar(scalar) = keyNode.content else { throw key.error("keys must be plain names, not \(key.kind)") }
            if pairs.contains(where: { $0.key == scalar.text }) {
                throw key.error("key \"\(TerminalText.excerpt(scalar.text))\" appears twice in this mapping",
                                hint: "keep one of them")
            }
            pairs.append(Pair(key: scalar.text, keyNode: key, value: SpecNode(node: valueNode, path: owner.path)))
        }
        self.pairs = pairs
        self.owner = owner
    }

    subscript(key: String) -> SpecNode? {
        guard let value = pairs.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    func required(_ key: String, in what: String) throws -> SpecNode {
        guard let value = self[key] else { throw owner.error("\(what) has no \"\(key)\"", hint: "add \(key): …") }
        return value
    }

    /// Declarations are hand-written: a misspelt key would silently do nothing, so it is an error.
    func rejectUnknownKeys(allowed: [String], in what: String) throws {
        if let first = unknownKeys(allowed: allowed, in: what).first { throw first }
    }

    /// A key this reader does not know, with the nearest known one: `conection` or a `connection`
    /// spelt with a Cyrillic `с` would otherwise leave a spec without options and say nothing.
    func unknownKeys(allowed: [String], in what: String) -> [SpecError] {
        pairs.filter { !allowed.contains($0.key) }.map { pair in
            let nearest = NearestWord.find(pair.key, among: allowed)
            return pair.keyNode.error(
                "\(what) has unknown key \"\(TerminalText.excerpt(pair.key))\"" + (nearest.map { "; did you mean \"\($0)\"?" } ?? ""),
                hint: "known keys are: \(allowed.joined(separator: ", "))")
        }
    }
}
