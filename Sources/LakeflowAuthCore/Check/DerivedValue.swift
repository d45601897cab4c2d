/// A value a check file derives from others (`values:`), usable as `{name}` in any of its templates.
public indirect enum DerivedValue: Sendable, Equatable {
    public enum Part: String, Sendable, Equatable {
        case first, last
    }

    case template(Template)
    /// The first alternative that has a value.
    case first([Template])
    /// The case whose key is the value exactly, else `otherwise`.
    case choose(Template, cases: [Case], otherwise: Template?)
    /// `then` when the value contains a match of the pattern, else `otherwise`.
    case match(Template, pattern: String, then: Template, otherwise: Template?)
    /// The part after the last separator (`.last`) or before the first (`.first`); no value without one.
    case split(Template, separator: String, take: Part)
    /// The value in lower case (amplitude's `data_region.lower()`).
    case lowercase(Template)
    /// A member of a JSON document held in a value.
    case json(Template, pointer: String)
    /// The JSON object a value holds, read as leniently as its connector reads it
    /// (`JSONObjectText`), as the object's JSON text, for `{name/pointer}`.
    case jsonObject(Template)
    /// A signed JSON Web Token.
    case jwt(JWTTemplate)

    public struct Case: Sendable, Equatable {
        public let key: String
        public let value: Template

        public init(key: String, value: Template) {
            self.key = key
            self.value = value
        }
    }

    /// Every template it reads, whichever it ends up using.
    public var templates: [Template] {
        switch self {
        case let .template(template): return [template]
        case let .first(alternatives): return alternatives
        case let .choose(subject, cases, otherwise): return [subject] + cases.map(\.value) + (otherwise.map { [$0] } ?? [])
        case let .match(subject, _, then, otherwise): return [subject, then] + (otherwise.map { [$0] } ?? [])
        case let .split(subject, _, _), let .lowercase(subject), let .json(subject, _), let .jsonObject(subject): return [subject]
        case let .jwt(jwt): return jwt.templates
        }
    }
}
