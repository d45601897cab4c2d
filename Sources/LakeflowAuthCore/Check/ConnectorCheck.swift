/// How to tell whether one auth method's values work: requests sent in order and how to read the
/// last answer, or why one request cannot tell. A spec's own `probe` is a check of one request; the
/// built-in layer (`specs/checks/<name>.yaml`) gives the rest.
public struct ConnectorCheck: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        /// The spec's own `probe`.
        case spec
        /// The layer built into the binary, by connector name.
        case builtIn = "built-in"
    }

    public enum Body: Sendable, Equatable {
        /// `expect` and `identity` are of the last request sent.
        case requests([CheckRequest], expect: [Int], identity: String?)
        /// Why one request cannot tell (`reads files on a Unity Catalog volume`).
        case noCheck(String)
    }

    public var source: Source
    public var body: Body
    /// What the templates read beyond the person's values: derived values and the defaults the
    /// connector's code applies (the layer's; a spec's own probe reads the spec's defaults).
    public var context: CheckContext

    public init(source: Source, body: Body, context: CheckContext = CheckContext()) {
        self.source = source
        self.body = body
        self.context = context
    }

    /// The spec's own probe as a check of one request. Probes have always asked for JSON.
    public init(probe: ProbeSpec) {
        let request = CheckRequest(method: probe.method, url: probe.url, auth: probe.auth,
                                   headers: [("Accept", Self.jsonAccept)])
        self.init(source: .spec, body: .requests([request], expect: probe.expectedStatuses, identity: probe.identityPointer))
    }

    static let jsonAccept = try! Template("application/json")

    public var requests: [CheckRequest] {
        if case let .requests(requests, _, _) = body { return requests }
        return []
    }

    public var noCheckReason: String? {
        if case let .noCheck(reason) = body { return reason }
        return nil
    }
}

/// One request of a check, as declared: every text in it is a template.
public struct CheckRequest: Sendable, Equatable {
    /// Names the answer for later templates (`{token/access_token}`).
    public var name: String?
    public var method: String
    public var url: Template
    public var auth: ProbeSpec.Auth
    /// Sent as written; one whose template has no value is not sent.
    public var headers: [(String, Template)]
    /// An `application/x-www-form-urlencoded` body; an entry without a value is left out.
    public var form: [(String, Template)]
    /// A JSON body whose strings are templates.
    public var json: JSONTemplate?
    /// Sent only when every one of these names has a value (`ifSet`) or none has (`ifEmpty`).
    public var ifSet: [String]
    public var ifEmpty: [String]
    /// For a request before the last: the statuses that let the check go on.
    public var expect: [Int]
    /// A JSON pointer into this answer naming who the credentials connect as.
    public var identity: String?

    public init(name: String? = nil, method: String = "GET", url: Template, auth: ProbeSpec.Auth = .none,
                headers: [(String, Template)] = [], form: [(String, Template)] = [], json: JSONTemplate? = nil,
                ifSet: [String] = [], ifEmpty: [String] = [], expect: [Int] = [200], identity: String? = nil) {
        self.name = name
        self.method = method
        self.url = url
        self.auth = auth
        self.headers = headers
        self.form = form
        self.json = json
        self.ifSet = ifSet
        self.ifEmpty = ifEmpty
        self.expect = expect
        self.identity = identity
    }

    public static func == (lhs: CheckRequest, rhs: CheckRequest) -> Bool {
        lhs.name == rhs.name && lhs.method == rhs.method && lhs.url == rhs.url && lhs.auth == rhs.auth
            && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 } && lhs.form.elementsEqual(rhs.form) { $0 == $1 }
            && lhs.json == rhs.json && lhs.ifSet == rhs.ifSet && lhs.ifEmpty == rhs.ifEmpty && lhs.expect == rhs.expect
            && lhs.identity == rhs.identity
    }

    /// Every template of the request, the url first.
    public var templates: [Template] {
        [url] + (auth.nameTemplate.map { [$0] } ?? []) + auth.templates + headers.map(\.1) + form.map(\.1) + (json?.templates ?? [])
    }
}

/// What a check's templates read besides the person's values.
public struct CheckContext: Sendable, Equatable {
    /// Derived values by name, in the file's order.
    public var values: [(String, DerivedValue)]
    /// The defaults the connector's code applies, by option name (the layer's `options.<name>.default`).
    public var defaults: [String: String]
    /// Options the layer marks secret where the spec may not.
    public var secretOptions: Set<String>
    /// Where the layer's file is, for messages (`(built in)/checks/github.yaml`).
    public var path: String?

    public init(values: [(String, DerivedValue)] = [], defaults: [String: String] = [:], secretOptions: Set<String> = [],
                path: String? = nil) {
        self.values = values
        self.defaults = defaults
        self.secretOptions = secretOptions
        self.path = path
    }

    public static func == (lhs: CheckContext, rhs: CheckContext) -> Bool {
        lhs.values.elementsEqual(rhs.values) { $0 == $1 } && lhs.defaults == rhs.defaults
            && lhs.secretOptions == rhs.secretOptions && lhs.path == rhs.path
    }

    public func value(named name: String) -> DerivedValue? {
        values.first { $0.0 == name }?.1
    }
}
