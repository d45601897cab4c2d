import FoundationEssentials

/// What may be known of stored credentials without their secrets: which connector and profile, how
/// they authenticate, when they were saved and last checked (with the verdict, the identity the
/// source named and any expiry it announced), what an OAuth grant left (the access token's expiry,
/// whether a refresh token is held, never the tokens), and the Unity Catalog connections made from
/// them. `status` shows these, and `CredentialIndex` keeps them where no key is needed to read them.
public struct CredentialFacts: Sendable, Equatable {
    public var name: StoredCredentialName
    public var authMethod: String?
    public var savedAt: Date
    public var probe: ProbeRecord?
    public var oauth: OAuthFacts?
    public var connections: [PushedConnection]
    /// Who wrote the file: a check recorded in a file written elsewhere was not made here.
    public var provenance: Provenance
    /// When this machine last wrote the file, when that was after this copy was written (`WriteRecord`).
    public var newerWrittenHere: Date?

    /// The OAuth tokens in so far as they are not secret.
    public struct OAuthFacts: Sendable, Equatable {
        public var accessTokenExpiresAt: Date?
        public var holdsRefreshToken: Bool
    }

    public init(_ envelope: CredentialEnvelope) {
        name = StoredCredentialName(connector: envelope.connector, profile: envelope.profile)
        authMethod = envelope.authMethod
        savedAt = envelope.savedAt
        probe = envelope.probe
        let refreshToken = envelope.options.first { $0.0 == OAuthOption.refreshToken }.map { !$0.1.plainText.isEmpty } ?? false
        oauth = envelope.oauth == nil && !refreshToken ? nil
            : OAuthFacts(accessTokenExpiresAt: envelope.oauth?.expiresAt, holdsRefreshToken: refreshToken)
        connections = envelope.connections
        provenance = envelope.provenance
        newerWrittenHere = envelope.newerWrittenHere
    }

    /// When the file was last written: saved, or checked again.
    var writtenAt: Date { max(savedAt, probe?.at ?? savedAt) }

    /// One object of `status --json`, without what depends on the time of asking (`attention`).
    public var json: JSONValue {
        func time(_ date: Date?) -> JSONValue { date.map { .string(UTCTimestamp.string($0)) } ?? .null }
        let check: JSONValue = .object([
            ("at", time(probe?.at)),
            ("result", .string((probe?.verdict ?? .unverified).rawValue)),
            ("identity", probe?.identity.map(JSONValue.string) ?? .null),
            ("http_status", probe?.status.map(JSONValue.integer) ?? .null),
            ("expires_at", time(probe?.expiresAt)),
        ])
        let oauth: JSONValue = self.oauth.map { facts in
            .object([("access_token_expires_at", time(facts.accessTokenExpiresAt)), ("refresh_token", .bool(facts.holdsRefreshToken))])
        } ?? .null
        let connections: [JSONValue] = self.connections.map { connection in
            .object([
                ("host", .string(connection.host)), ("name", .string(connection.name)), ("pushed_at", time(connection.pushedAt)),
                ("in_sync", connection.comparison.map { .bool($0.inSync) } ?? .null),
                ("differs", .array((connection.comparison?.differs ?? []).map(JSONValue.string))),
                ("compared_at", time(connection.comparison?.at)),
            ])
        }
        return .object([
            ("connector", .string(name.connector)), ("profile", .string(name.profile)),
            ("auth_method", authMethod.map(JSONValue.string) ?? .null), ("saved_at", .string(UTCTimestamp.string(savedAt))),
            ("check", check), ("oauth", oauth), ("connections", .array(connections)),
            ("written_here", .bool(provenance == .thisMachine)), ("newer_written_here_at", time(newerWrittenHere)),
        ])
    }

    /// Reads `json` back; nil for anything that is not exactly its shape (the index is then rebuilt).
    init?(json value: JSONValue) {
        guard let connector = value["connector"]?.stringValue, let profile = value["profile"]?.stringValue,
              ConnectorName.isValid(connector), ProfileName.isValid(profile),
              let savedText = value["saved_at"]?.stringValue, let savedAt = UTCTimestamp.date(savedText),
              let check = value["check"], let verdict = check["result"]?.stringValue.flatMap(CheckVerdict.init(rawValue:)),
              let checkedAt = PushedConnection.optionalDate(check["at"]), let expiresAt = PushedConnection.optionalDate(check["expires_at"]),
              case let .array(items)? = value["connections"] else { return nil }
        name = StoredCredentialName(connector: connector, profile: profile)
        switch value["auth_method"] {
        case nil, .null?: authMethod = nil
        case let .string(method)?: authMethod = method
        default: return nil
        }
        self.savedAt = savedAt
        if let checkedAt {
            var status: Int?
            if case let .integer(code)? = check["http_status"] { status = code }
            probe = ProbeRecord(ok: verdict == .verified, status: status, at: checkedAt, identity: check["identity"]?.stringValue,
                                verdict: verdict, expiresAt: expiresAt)
        } else {
            probe = nil
        }
        switch value["oauth"] {
        case nil, .null?: oauth = nil
        case let facts?:
            guard case let .bool(refresh)? = facts["refresh_token"],
                  let expiry = PushedConnection.optionalDate(facts["access_token_expires_at"]) else { return nil }
            oauth = OAuthFacts(accessTokenExpiresAt: expiry, holdsRefreshToken: refresh)
        }
        var connections: [PushedConnection] = []
        for item in items {
            guard let host = item["host"]?.stringValue, let name = item["name"]?.stringValue,
                  let pushedAt = PushedConnection.optionalDate(item["pushed_at"]),
                  let comparedAt = PushedConnection.optionalDate(item["compared_at"]),
                  case let .array(differs)? = item["differs"] else { return nil }
            let comparison = comparedAt.map { ConnectionComparison(at: $0, differs: differs.compactMap(\.stringValue)) }
            connections.append(PushedConnection(host: host, name: name, pushedAt: pushedAt, comparison: comparison))
        }
        self.connections = connections
        switch value["written_here"] {
        case nil, .bool(true)?: provenance = .thisMachine
        case .bool(false)?: provenance = .elsewhere
        default: return nil
        }
        guard let newer = PushedConnection.optionalDate(value["newer_written_here_at"]) else { return nil }
        newerWrittenHere = newer
    }
}
