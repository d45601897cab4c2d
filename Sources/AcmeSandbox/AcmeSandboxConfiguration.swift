/// What the sandbox knows: which workspaces exist, which secrets they accept,
/// and which misbehaviour (if any) each one simulates. Codable so a process
/// can be started from a JSON file describing it.
public struct AcmeSandboxConfiguration: Sendable, Codable, Equatable {
    public var workspaces: [Workspace]

    public init(workspaces: [Workspace]) {
        self.workspaces = workspaces
    }

    public struct Workspace: Sendable, Codable, Equatable {
        public var slug: String
        public var apiKeys: [Key]
        public var users: [User]
        /// When set, replaces the normal credential check for this workspace.
        public var fault: Fault?

        public init(slug: String, apiKeys: [Key] = [], users: [User] = [], fault: Fault? = nil) {
            self.slug = slug
            self.apiKeys = apiKeys
            self.users = users
            self.fault = fault
        }
    }

    public struct Key: Sendable, Codable, Equatable {
        public var key: String
        public var accountName: String
        /// A known key that is not permitted answers 403 rather than 401, so
        /// clients can tell "wrong secret" from "right secret, no access".
        public var permitted: Bool

        public init(key: String, accountName: String, permitted: Bool = true) {
            self.key = key
            self.accountName = accountName
            self.permitted = permitted
        }
    }

    public struct User: Sendable, Codable, Equatable {
        public var username: String
        public var password: String
        public var accountName: String
        public var permitted: Bool

        public init(username: String, password: String, accountName: String, permitted: Bool = true) {
            self.username = username
            self.password = password
            self.accountName = accountName
            self.permitted = permitted
        }
    }

    /// Misbehaviours a real service can show, so clients can be tested against them.
    public enum Fault: Sendable, Codable, Equatable {
        /// 503.
        case serverError
        /// 429 with `Retry-After`.
        case rateLimited(retryAfterSeconds: Int)
        /// 302 to an arbitrary absolute URL, e.g. another origin that must not receive credentials.
        case redirect(location: String)
        /// 302 to `/v1/workspaces/{slug}/me?redirected=1`, which then answers normally.
        case sameOriginRedirect
        /// 200 whose JSON has an `id` but no `name`.
        case noIdentity
        /// 200 with an HTML body, as a captive portal or misconfigured proxy would send.
        case notJSON
        /// 401 whose body reflects the Authorization header and raw query, so
        /// tests can prove a client never prints server-controlled text verbatim.
        case echoCredentials
        /// Accepts the request and never answers until the client gives up or the server stops.
        case hang
    }
}

extension AcmeSandboxConfiguration {
    /// The fixture `lakeflow-auth demo` and the project's tests log in against.
    public static let demo = AcmeSandboxConfiguration(workspaces: [
        Workspace(
            slug: "demo-workspace",
            apiKeys: [
                Key(key: "acme-demo-key-0001", accountName: "Demo Analyst", permitted: true),
                Key(key: "acme-demo-readonly", accountName: "Demo Read-Only", permitted: false),
            ],
            users: [
                User(username: "demo", password: "demo-password", accountName: "Demo Analyst", permitted: true),
            ]
        ),
    ])

    func workspace(slug: String) -> Workspace? {
        workspaces.first { $0.slug == slug }
    }
}

extension AcmeSandboxConfiguration.Workspace {
    /// The workspace without the keys in `revoked`.
    func revoking(_ revoked: Set<String>) -> Self {
        guard !revoked.isEmpty else { return self }
        var workspace = self
        workspace.apiKeys.removeAll { revoked.contains($0.key) }
        return workspace
    }
}
