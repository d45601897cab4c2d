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
    /// A member of a JSON document held in a value.
    case json(Template, pointer: String)
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
        case let .split(subject, _, _), let .json(subject, _): return [subject]
        case let .jwt(jwt): return jwt.templates
        }
    }
}

/// How a check signs a JWT assertion, as the connector does (SMART backend services, a Google service
/// account): every text a template.
public struct JWTTemplate: Sendable, Equatable {
    /// The claims a connector may send beyond `iat` and `exp`, which are always added.
    public enum Addition: String, Sendable, Equatable, CaseIterable {
        case nbf, jti
    }

    /// A PEM private key: RSA for RS*, EC for ES*.
    public var key: Template
    public var algorithm: Template
    /// Extra members of the JOSE header (`kid`).
    public var header: [(String, Template)]
    public var claims: JSONTemplate
    /// Seconds from `iat` to `exp`.
    public var lifetime: Int
    public var additions: [Addition]

    public init(key: Template, algorithm: Template, header: [(String, Template)] = [], claims: JSONTemplate = .object([]),
                lifetime: Int = 300, additions: [Addition] = []) {
        self.key = key
        self.algorithm = algorithm
        self.header = header
        self.claims = claims
        self.lifetime = lifetime
        self.additions = additions
    }

    public static func == (lhs: JWTTemplate, rhs: JWTTemplate) -> Bool {
        lhs.key == rhs.key && lhs.algorithm == rhs.algorithm && lhs.header.elementsEqual(rhs.header) { $0 == $1 }
            && lhs.claims == rhs.claims && lhs.lifetime == rhs.lifetime && lhs.additions == rhs.additions
    }

    public var templates: [Template] { [key, algorithm] + header.map(\.1) + claims.templates }
}
