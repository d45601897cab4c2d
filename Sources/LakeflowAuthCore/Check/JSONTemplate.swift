/// A JSON document whose strings are templates: a check's JSON body, a JWT's claims.
public indirect enum JSONTemplate: Sendable, Equatable {
    case literal(JSONValue)
    case string(Template)
    case array([JSONTemplate])
    case object([(String, JSONTemplate)])

    public static func == (lhs: JSONTemplate, rhs: JSONTemplate) -> Bool {
        switch (lhs, rhs) {
        case let (.literal(a), .literal(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.elementsEqual(b) { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public var templates: [Template] {
        switch self {
        case .literal: return []
        case let .string(template): return [template]
        case let .array(items): return items.flatMap(\.templates)
        case let .object(members): return members.flatMap(\.1.templates)
        }
    }

    /// The document with each template filled by `fill`.
    func filled<Failure: Error>(_ fill: (Template) throws(Failure) -> String) throws(Failure) -> JSONValue {
        switch self {
        case let .literal(value): return value
        case let .string(template): return .string(try fill(template))
        case let .array(items):
            var filled: [JSONValue] = []
            for item in items { filled.append(try item.filled(fill)) }
            return .array(filled)
        case let .object(members):
            var filled: [(String, JSONValue)] = []
            for (name, member) in members { filled.append((name, try member.filled(fill))) }
            return .object(filled)
        }
    }

    /// As written, templates as their text: what `spec inspect` shows.
    public var written: JSONValue {
        switch self {
        case let .literal(value): return value
        case let .string(template): return .string(template.text)
        case let .array(items): return .array(items.map(\.written))
        case let .object(members): return .object(members.map { ($0.0, $0.1.written) })
        }
    }
}
