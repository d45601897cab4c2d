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
