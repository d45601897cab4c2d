/// One file of the built-in check layer (`specs/checks/<name>.yaml`, format in its README), as read:
/// what the connector's code knows of its options, and how to check each way it authenticates.
public struct CheckFile: Sendable {
    /// What the connector's code knows of one option.
    public struct OptionHint: Sendable, Equatable {
        /// The value the code applies when the option is empty.
        public var defaultValue: String?
        /// The page where this credential is created or found.
        public var link: String?
        public var example: String?
        public var pattern: String?
        /// Marks the option secret for checks and forms, where the spec may not.
        public var secret: Bool?

        public init(defaultValue: String? = nil, link: String? = nil, example: String? = nil, pattern: String? = nil,
                    secret: Bool? = nil) {
            self.defaultValue = defaultValue
            self.link = link
            self.example = example
            self.pattern = pattern
            self.secret = secret
        }
    }

    /// A check and, for each name it reads (an option, a value, `access_token`), where it first does,
    /// so a warning about a name the spec lacks can point at it.
    public struct Entry: Sendable {
        public let body: ConnectorCheck.Body
        let reads: [(String, SourceLocation)]
    }

    /// How the connector exchanges tokens for its spec's `connection.oauth` block.
    public struct OAuthExchange: Sendable, Equatable {
        /// Where the connector puts the client's id and secret; nil when the layer does not say.
        public var clientAuth: OAuthClientAuthentication?
        /// Extra form fields of the token request (Microsoft's `resource`); templates of the person's values.
        public var tokenParams: [(String, Template)]

        public init(clientAuth: OAuthClientAuthentication? = nil, tokenParams: [(String, Template)] = []) {
            self.clientAuth = clientAuth
            self.tokenParams = tokenParams
        }

        public static func == (lhs: OAuthExchange, rhs: OAuthExchange) -> Bool {
            lhs.clientAuth == rhs.clientAuth && lhs.tokenParams.elementsEqual(rhs.tokenParams) { $0 == $1 }
        }
    }

    public let path: String
    public var options: [(String, OptionHint)] = []
    public var values: [(String, DerivedValue)] = []
    var valueReads: [String: [(String, SourceLocation)]] = [:]
    /// The check of a spec without auth methods (and without `select`).
    public var check: Entry?
    /// By the spec's method name, or with `select` by that option's values.
    public var methods: [(String, Entry)] = []
    public var select: String?
    public var defaultMethod: String?
    public var oauth: OAuthExchange?

    init(path: String) {
        self.path = path
    }

    public func hint(for option: String) -> OptionHint? {
        options.first { $0.0 == option }?.1
    }

    public func entry(_ name: String) -> Entry? {
        methods.first { $0.0 == name }?.1
    }

    /// The context every check of this file reads in.
    var context: CheckContext {
        CheckContext(values: values,
                     defaults: Dictionary(options.compactMap { name, hint in hint.defaultValue.map { (name, $0) } },
                                          uniquingKeysWith: { first, _ in first }),
                     secretOptions: Set(options.filter { $0.1.secret == true }.map(\.0)), path: path)
    }
}
