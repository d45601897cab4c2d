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
