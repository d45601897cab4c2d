/// How to check credentials with one live call to the source's API.
public struct ProbeSpec: Sendable, Equatable {
    public enum Auth: Sendable, Equatable {
        case none
        /// `Authorization: Bearer <token>`.
        case bearer(token: Template)
        /// HTTP Basic `username:password`.
        case basic(username: Template, password: Template)
        /// A header of the source's own, e.g. `X-Api-Key`.
        case header(name: String, value: Template)
        /// A query parameter, e.g. `?api_key=`.
        case query(name: String, value: Template)

        /// A check's header or query name that reads a value (`{api_key_header}`); nil for a fixed one.
        public var nameTemplate: Template? {
            switch self {
            case let .header(name, _), let .query(name, _):
                guard let template = try? Template(name), !template.placeholders.isEmpty else { return nil }
                return template
            case .none, .bearer, .basic: return nil
            }
        }

        public var templates: [Template] {
            switch self {
            case .none: return []
            case let .bearer(token): return [token]
            case let .basic(username, password): return [username, password]
            case let .header(_, value), let .query(_, value): return [value]
            }
        }
    }

    public var method: String
    public var url: Template
    public var auth: Auth
    public var expectedStatuses: [Int]
    /// A JSON pointer (RFC 6901) into the response naming who the credentials connect as.
    public var identityPointer: String?

    public init(method: String = "GET", url: Template, auth: Auth = .none, expectedStatuses: [Int] = [200],
                identityPointer: String? = nil) {
        self.method = method
        self.url = url
        self.auth = auth
        self.expectedStatuses = expectedStatuses
        self.identityPointer = identityPointer
    }
}
