import FoundationEssentials

/// The JSON sealed inside `credentials/<connector>.age`:
///
///     {"format": 1, "connector": "acme", "profile": "prod", (only for a profile other than default)
///      "auth_method": "api_key", "options": {...},
///      "secret_options": ["api_key"], "env_vars": {"api_key": "ACME_API_KEY"},
///      "saved_at": "2025-01-01T00:00:00Z",
///      "probe": {"ok": true, "status": 200, "at": "...", "identity": "alice", "result": "verified",
///                "expires_at": "..." (only when the source announced one)} | null,
///      "oauth": {"access_token": "...", "expires_at": "..."},   (only for OAuth-granted credentials)
///      "oauth_endpoints": {"token_url": "...", "scopes": "..."}, (only those set in place of the spec's)
///      "connections": [{"host": "...", "name": "...", "pushed_at": "...", "compared": {...}}],
///                                                                (only once a connection was made)
///      "mac": "hmac-sha256:..."}                                 (last: this machine's seal, `EnvelopeSeal`)
///
/// `secret_options` is recorded at save time so that `show` needs no spec: the spec may have moved or
/// changed since. `env_vars` is recorded too, but only as a record: which variable an option becomes
/// is the spec's to say (`CredentialExport`), since anyone with this machine's public key can write a
/// file. A file written by hand without them is still read; then every option counts as secret. Every
/// member added since the first version is optional, so files written before read as they always did.
public struct CredentialEnvelope: Sendable, Equatable {
    public static let currentFormat = 1

    public var connector: String
    /// Which credential set of the connector this is; `default` for files written before profiles.
    public var profile: String
    public var authMethod: String?
    /// Option values in form order: exactly what the connector's tests read.
    public var options: [(String, JSONValue)]
    /// Which options are secret; nil when the file does not say.
    public var secretOptions: [String]?
    /// The env var of each option as the spec named it at save time; nil when the file does not say.
    public var envVars: [(String, String)]?
    public var savedAt: Date
    /// The last probe; nil means never verified.
    public var probe: ProbeRecord?
    /// The OAuth access token, for credentials an OAuth flow granted.
    public var oauth: OAuthAccessToken?
    /// The OAuth endpoints and scope set in place of the spec's, so that `probe` and `connection create`
    /// refresh against the same token endpoint the setup used. Beside `options`, not in them: the
    /// connector reads its options, and these are the tool's.
    public var oauthEndpoints: [(String, String)]
    /// The Unity Catalog connections made from these credentials: where they are, not their tokens.
    public var connections: [PushedConnection]
    /// Who wrote the file it was read from: this machine, or someone with its public key. An envelope
    /// made here, not yet stored, is this machine's.
    public var provenance: Provenance = .thisMachine
    /// When this machine last wrote the file, if that was after this envelope was: the file is an older
    /// copy put back (`WriteRecord`).
    public var newerWrittenHere: Date?

    public init(connector: String, profile: String = ProfileName.default, authMethod: String?, options: [(String, JSONValue)],
                secretOptions: [String]?, envVars: [(String, String)]?, savedAt: Date, probe: ProbeRecord?,
                oauth: OAuthAccessToken? = nil, oauthEndpoints: [(String, String)] = [], connections: [PushedConnection] = []) {
        self.connector = connector
        self.profile = profile
        self.authMethod = authMethod
        self.options = options
        self.secretOptions = secretOptions
        self.envVars = envVars
        self.savedAt = savedAt.wholeSeconds
        self.probe = probe
        self.oauth = oauth
        self.oauthEndpoints = oauthEndpoints
        self.connections = connections
    }

    /// Credentials as validated against `spec`, which says which options are secret and what their
    /// env vars are called.
    public init(credentials: Credentials, spec: ConnectorSpec, profile: String = ProfileName.default, probe: ProbeRecord?,
                savedAt: Date = Date(), oauth: OAuthAccessToken? = nil) {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        func option(_ name: String) -> ConnectorOption? { spec.option(named: name, in: method) }
        self.init(
            connector: credentials.connector, profile: profile, authMethod: credentials.authMethod, options: credentials.values,
            secretOptions: credentials.values.map(\.0).filter { option($0)?.secret ?? true },
            envVars: credentials.values.map { name, _ in
                (name, option(name)?.envVar ?? EnvVarName.forOption(name, connector: credentials.connector))
            },
            savedAt: savedAt, probe: probe, oauth: oauth, oauthEndpoints: credentials.oauthEndpoints)
    }

    /// Two envelopes are equal when they hold the same; where a file came from is not part of it.
    public static func == (lhs: CredentialEnvelope, rhs: CredentialEnvelope) -> Bool {
        lhs.connector == rhs.connector && lhs.profile == rhs.profile && lhs.authMethod == rhs.authMethod
            && JSONValue.object(lhs.options) == JSONValue.object(rhs.options)
            && lhs.secretOptions == rhs.secretOptions
            && lhs.envVars.map(Self.envVarsJSON) == rhs.envVars.map(Self.envVarsJSON)
            && lhs.savedAt == rhs.savedAt && lhs.probe == rhs.probe && lhs.oauth == rhs.oauth
            && lhs.oauthEndpoints.elementsEqual(rhs.oauthEndpoints) { $0 == $1 } && lhs.connections == rhs.connections
    }

    /// When this envelope was last written: saved, or checked again (`probe` records its outcome).
    var writtenAt: Date { max(savedAt, probe?.at ?? savedAt) }

    /// The `options` object alone: what `export` prints and `exec` puts in `CONNECTOR_TEST_CONFIG_JSON`.
    public var optionsJSON: JSONValue { .object(options) }

    /// Options not known to be plain count as secret, so a hand-written file is masked whole.
    public func isSecret(_ option: String) -> Bool {
        secretOptions?.contains(option) ?? true
    }

    /// The options with secret values replaced by their masks, and any password inside a URL too.
    public var maskedOptions: [(String, JSONValue)] {
        options.map { name, value in
            if isSecret(name) { return (name, .string(Masking.mask(value.plainText))) }
            if case let .string(text) = value { return (name, .string(Masking.maskingURLPassword(text))) }
            return (name, value)
        }
    }

    /// A file that does not say which options are secret (written by another tool) learns it from
    /// the connector's spec; options the spec does not know stay secret.
    public func withSecretOptions(from spec: ConnectorSpec) -> CredentialEnvelope {
        guard secretOptions == nil else { return self }
        var known = self
        let method = authMethod.flatMap(spec.authMethod(named:))
        known.secretOptions = options.map(\.0).filter { spec.option(named: $0, in: method)?.secret ?? true }
        return known
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .integer(Self.currentFormat)),
            ("connector", .string(connector)),
        ]
        if profile != ProfileName.default { members.append(("profile", .string(profile))) }
        members += [
            ("auth_method", authMethod.map(JSONValue.string) ?? .null),
            ("options", optionsJSON),
        ]
        if let secretOptions { members.append(("secret_options", .array(secretOptions.map(JSONValue.string)))) }
        if let envVars { members.append(("env_vars", Self.envVarsJSON(envVars))) }
        members.append(("saved_at", .string(Self.timestamp(savedAt))))
        members.append(("probe", probe.map(Self.probeJSON) ?? .null))
        if let oauth { members.append(("oauth", oauth.json)) }
        if !oauthEndpoints.isEmpty { members.append(("oauth_endpoints", .object(oauthEndpoints.map { ($0.0, .string($0.1)) }))) }
        if !connections.isEmpty { members.append(("connections", .array(connections.map(\.json)))) }
        return .object(members)
    }

    static func timestamp(_ date: Date) -> String { UTCTimestamp.string(date) }

    private static func envVarsJSON(_ envVars: [(String, String)]) -> JSONValue {
        .object(envVars.map { ($0.0, .string($0.1)) })
    }

    private static func probeJSON(_ probe: ProbeRecord) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ok", .bool(probe.ok)),
            ("status", probe.status.map(JSONValue.integer) ?? .null),
            ("at", .string(timestamp(probe.at))),
            ("identity", probe.identity.map(JSONValue.string) ?? .null),
            ("result", .string(probe.verdict.rawValue)),
        ]
        if let expiresAt = probe.expiresAt { members.append(("expires_at", .string(timestamp(expiresAt)))) }
        return .object(members)
    }
}
