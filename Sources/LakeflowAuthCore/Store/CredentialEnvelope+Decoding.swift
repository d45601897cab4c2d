import FoundationEssentials

extension CredentialEnvelope {
    /// Reads a decrypted envelope. Its contents were authenticated by age, but may have been written
    /// by hand or by another version, so every field is checked before anything trusts it.
    public init(decoding plaintext: [UInt8], path: String) throws(StoreError) {
        func malformed(_ problem: String) -> StoreError { .notAnEnvelope(path: path, problem: problem) }
        guard let document = try? JSONParser.parse(plaintext), case .object = document else {
            throw malformed("the contents are not a JSON object")
        }
        guard case let .integer(format)? = document["format"] else { throw malformed("\"format\" is missing") }
        guard format == Self.currentFormat else { throw .unsupportedFormat(path: path, format: format) }
        guard let connector = document["connector"]?.stringValue else { throw malformed("\"connector\" is missing") }
        let profile: String
        switch document["profile"] {
        case nil, .null?: profile = ProfileName.default
        case let .string(name)? where ProfileName.isValid(name): profile = name
        default: throw malformed("\"profile\" is not a profile name")
        }
        let authMethod: String?
        switch document["auth_method"] {
        case nil, .null?: authMethod = nil
        case let .string(name)?: authMethod = name
        default: throw malformed("\"auth_method\" is not a string")
        }
        guard case let .object(options)? = document["options"] else { throw malformed("\"options\" is not an object") }
        let secretOptions = try Self.strings(document["secret_options"], field: "secret_options", malformed)
        let envVars = try Self.envVars(document["env_vars"], malformed)
        guard let savedText = document["saved_at"]?.stringValue, let savedAt = UTCTimestamp.date(savedText) else {
            throw malformed("\"saved_at\" is not an ISO 8601 time")
        }
        guard case let .success(oauth) = OAuthAccessToken.decoding(document["oauth"]) else {
            throw malformed("\"oauth\" needs an \"access_token\", an ISO 8601 \"expires_at\" or null, and a \"client_auth\" of body or basic if any")
        }
        self.init(connector: connector, profile: profile, authMethod: authMethod, options: options, secretOptions: secretOptions,
                  envVars: envVars, savedAt: savedAt, probe: try Self.probe(document["probe"], malformed), oauth: oauth,
                  oauthEndpoints: try Self.oauthEndpoints(document["oauth_endpoints"], malformed),
                  connections: try Self.connections(document["connections"], malformed))
    }

    private static func connections(_ value: JSONValue?, _ malformed: (String) -> StoreError) throws(StoreError) -> [PushedConnection] {
        guard let value, value != .null else { return [] }
        guard case let .array(items) = value else { throw malformed("\"connections\" is not a list") }
        var connections: [PushedConnection] = []
        for item in items {
            guard let connection = PushedConnection(json: item) else {
                throw malformed("\"connections\" holds something other than a host, a name and the times it was pushed and compared")
            }
            connections.append(connection)
        }
        return connections
    }

    private static func oauthEndpoints(_ value: JSONValue?, _ malformed: (String) -> StoreError) throws(StoreError) -> [(String, String)] {
        guard let value, value != .null else { return [] }
        guard case let .object(members) = value else { throw malformed("\"oauth_endpoints\" is not an object") }
        var endpoints: [(String, String)] = []
        for (name, text) in members {
            guard let text = text.stringValue else { throw malformed("\"oauth_endpoints\" holds something other than text") }
            endpoints.append((name, text))
        }
        return endpoints
    }

    private static func strings(_ value: JSONValue?, field: String, _ malformed: (String) -> StoreError) throws(StoreError) -> [String]? {
        guard let value, value != .null else { return nil }
        guard case let .array(items) = value else { throw malformed("\"\(field)\" is not a list") }
        var strings: [String] = []
        for item in items {
            guard let string = item.stringValue else { throw malformed("\"\(field)\" holds something other than names") }
            strings.append(string)
        }
        return strings
    }

    private static func envVars(_ value: JSONValue?, _ malformed: (String) -> StoreError) throws(StoreError) -> [(String, String)]? {
        guard let value, value != .null else { return nil }
        guard case let .object(members) = value else { throw malformed("\"env_vars\" is not an object") }
        var envVars: [(String, String)] = []
        for (option, name) in members {
            guard let name = name.stringValue, EnvVarName.isValid(name) else {
                throw malformed("\"env_vars\" gives option \"\(TerminalText.excerpt(option))\" an invalid env var name")
            }
            envVars.append((option, name))
        }
        return envVars
    }

    private static func probe(_ value: JSONValue?, _ malformed: (String) -> StoreError) throws(StoreError) -> ProbeRecord? {
        guard let value, value != .null else { return nil }
        guard case let .bool(ok)? = value["ok"], let atText = value["at"]?.stringValue, let at = UTCTimestamp.date(atText) else {
            throw malformed("\"probe\" needs \"ok\" and an ISO 8601 \"at\"")
        }
        let status: Int?
        switch value["status"] {
        case nil, .null?: status = nil
        case let .integer(code)?: status = code
        default: throw malformed("\"probe\".\"status\" is not a number")
        }
        var verdict: CheckVerdict?
        if let word = value["result"], word != .null {
            guard let read = word.stringValue.flatMap(CheckVerdict.init(rawValue:)) else {
                throw malformed("\"probe\".\"result\" is not one of " + CheckVerdict.allCases.map(\.rawValue).joined(separator: ", "))
            }
            verdict = read
        }
        guard let expiresAt = PushedConnection.optionalDate(value["expires_at"]) else {
            throw malformed("\"probe\".\"expires_at\" is not an ISO 8601 time")
        }
        return ProbeRecord(ok: ok, status: status, at: at, identity: value["identity"]?.stringValue, verdict: verdict,
                           expiresAt: expiresAt)
    }
}
