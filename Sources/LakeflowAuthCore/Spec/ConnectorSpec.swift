/// A connector's connection options, however they were written down.
public struct ConnectorSpec: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// `specs/<name>/options.yaml`: the superset with types, patterns, env vars and probes.
        case declarations
        /// A `connector_spec.yaml` in the Databricks format.
        case databricks
    }

    /// The connector's name as used on the command line and in env var prefixes (`acme`).
    public var connector: String
    public var origin: Origin
    public var displayName: String?
    /// Options every auth method shares.
    public var options: [ConnectorOption]
    public var authMethods: [AuthMethod]
    /// The `oauth` mapping, as YAML typed it.
    public var oauth: JSONValue?
    public var tableOptions: [TableOption]
    /// The probe for specs without auth methods; methods carry their own.
    public var probe: ProbeSpec?
    /// The built-in layer's checks for this connector name, where the spec's own probes leave room
    /// (`CheckLayer`); `check(for:)` decides which applies.
    public var builtInChecks: BuiltInCheckSet?
    /// How the connector's code exchanges tokens for the `oauth` block (from the built-in layer).
    public var oauthExchange: CheckFile.OAuthExchange?
    /// What the reader let pass but a person should see: keys it does not know, say. Commands print
    /// them; strict ones (`spec inspect --strict`) refuse the spec.
    public var warnings: [SpecError] = []

    public init(connector: String, origin: Origin, displayName: String? = nil, options: [ConnectorOption] = [],
                authMethods: [AuthMethod] = [], oauth: JSONValue? = nil, tableOptions: [TableOption] = [],
                probe: ProbeSpec? = nil) {
        self.connector = connector
        self.origin = origin
        self.displayName = displayName
        self.options = options
        self.authMethods = authMethods
        self.oauth = oauth
        self.tableOptions = tableOptions
        self.probe = probe
    }

    public var title: String { displayName ?? connector }

    public func authMethod(named name: String) -> AuthMethod? {
        authMethods.first { $0.name == name }
    }

    /// The options a user fills for one method (or for the spec, when it has no methods), in form order:
    /// the method's own, then the shared required ones, then the shared optional ones.
    public func formOptions(for method: AuthMethod?) -> [ConnectorOption] {
        (method?.options ?? []) + options.filter(\.required) + options.filter { !$0.required }
    }

    /// Every option the spec declares, shared ones first; an option two methods share (fhir's
    /// token_url) comes once for each.
    public var allOptions: [ConnectorOption] {
        options + authMethods.flatMap(\.options)
    }

    /// The option of this name: as `method` declares it when it does, else wherever the spec does.
    public func option(named name: String, in method: AuthMethod? = nil) -> ConnectorOption? {
        formOptions(for: method).first { $0.name == name } ?? allOptions.first { $0.name == name }
    }

    /// The probe that checks credentials for one method.
    public func probe(for method: AuthMethod?) -> ProbeSpec? {
        method?.probe ?? probe
    }
}

extension ConnectorSpec {
    /// A spec with no options at all (a misspelt `connection:`, say) would store `{}` and call it done.
    public func checkSomethingToSetUp(path: String) throws(SpecError) {
        guard allOptions.isEmpty else { return }
        throw SpecError(SourceLocation(path: path, line: 1, column: 1), "the spec declares no options, so there is nothing to set up",
                        hint: warnings.isEmpty ? "declare the connection's parameters under connection.parameters"
                            : "see the warnings above")
    }

    /// Gives a shared option a different default, as the demo does to aim Acme's base URL at its sandbox.
    public mutating func setDefault(_ value: String, for option: String) {
        guard let index = options.firstIndex(where: { $0.name == option }) else { return }
        options[index].defaultValue = value
    }
}
