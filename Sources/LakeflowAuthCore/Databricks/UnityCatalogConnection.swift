/// The Unity Catalog connection made from stored credentials: the same shape upstream's
/// `community-connector create_connection` sends, so connections look the same either way.
public struct UnityCatalogConnection: Sendable {
    /// Options every community connector accepts per table, whatever its spec lists.
    static let frameworkTableOptions = ["tableName", "tableNameList", "tableConfigs", "isDeleteFlow"]

    public let name: String
    public let comment: String?
    /// Every connection option as Unity Catalog stores it: strings only.
    public let options: [(String, String)]
    /// The options whose values are secret, to mask them where the request is shown.
    public let secretOptions: Set<String>

    /// - Parameter consent: for a code-flow (u2m) connector, the person's consent obtained for this push
    ///   (codes live minutes, so it is never stored); nil shows where it goes, for `--dry-run`.
    /// - Throws: `ConnectionOptionsError` when the spec's OAuth endpoints name an option that is not stored.
    public init(name: String, comment: String?, envelope: CredentialEnvelope, spec: ConnectorSpec,
                consent: OAuthConsent? = nil) throws {
        self.name = name
        self.comment = comment
        // A per-user block applies to the connection as a whole: each end user signs in at run time.
        let block = spec.oauthConfiguration
        let oauth = block?.flow == .u2mPerUser ? block : spec.oauthFlow(for: envelope.authMethod.flatMap(spec.authMethod(named:)))
        // Unity Catalog mints and refreshes its own tokens: the locally granted ones stay here.
        var options = envelope.options.filter { oauth == nil || $0.0 != OAuthOption.refreshToken }.map { ($0.0, Self.text($0.1)) }
        var secret = Set(envelope.options.map(\.0).filter(envelope.isSecret))
        if let oauth {
            options += try Self.oauthOptions(oauth, stored: envelope)
            if oauth.flow == .u2m {
                let pending = "(from the sign-in when sent)"
                options.append(("authorization_code", consent?.code ?? pending))
                options.append(("oauth_redirect_uri", consent?.redirectURI ?? pending))
                if oauth.pkce { options.append(("pkce_verifier", consent?.verifier ?? pending)) }
                secret.formUnion(consent == nil ? [] : ["authorization_code", "pkce_verifier"])
            }
        }
        var allowlist: [String] = []
        for option in spec.tableOptions.map(\.name) + Self.frameworkTableOptions where !allowlist.contains(option) {
            allowlist.append(option)
        }
        options.append(("sourceName", envelope.connector))
        options.append(("externalOptionsAllowList", allowlist.joined(separator: ",")))
        self.options = options
        secretOptions = secret
    }

    /// Unity Catalog's identifier characters; anything else would also need quoting in the URL of an update.
    public static func isValidName(_ name: String) -> Bool {
        (1...255).contains(name.utf8.count)
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    /// The values of the secret options, which an error about the request may quote.
    var secretValues: [String] {
        options.filter { secretOptions.contains($0.0) }.map(\.1)
    }

    /// `POST /api/2.1/unity-catalog/connections`.
    public var createBody: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)), ("connection_type", .string("COMMUNITY")), ("options", optionsJSON(masked: false)),
        ]
        if let comment { members.append(("comment", .string(comment))) }
        return .object(members)
    }

    /// `PATCH /api/2.1/unity-catalog/connections/<name>`.
    public var updateBody: JSONValue { .object([("options", optionsJSON(masked: false))]) }

    /// The body with secret values masked, for `--dry-run`.
    public func shown(_ body: JSONValue) -> JSONValue {
        guard case let .object(members) = body else { return body }
        return .object(members.map { key, value in key == "options" ? (key, optionsJSON(masked: true)) : (key, value) })
    }

    private func optionsJSON(masked: Bool) -> JSONValue {
        .object(options.map { name, value in
            (name, .string(masked && secretOptions.contains(name) ? Masking.mask(value) : value))
        })
    }

    /// Numbers and booleans written as YAML would read them back (`true`, `42`, `1.5`).
    static func text(_ value: JSONValue) -> String { value.plainText }

    /// The endpoints under the connection's names (those set at setup in place of the spec's win, so
    /// Unity Catalog refreshes where the setup did), placeholders filled from the stored options;
    /// `flow`, `pkce` and `extra_auth_params` are the tool's business, not the connection's.
    static func oauthOptions(_ oauth: OAuthConfiguration, stored envelope: CredentialEnvelope) throws -> [(String, String)] {
        var options = [("community_oauth_flow", oauth.flow.rawValue)]
        func chosen(_ field: String, _ declared: String?) -> String? {
            envelope.oauthEndpoints.first { $0.0 == field }?.1 ?? declared
        }
        let endpoints = [("authorization_endpoint", chosen(OAuthEndpoints.authorizationURLField, oauth.authorizationURL)),
                         ("token_endpoint", chosen(OAuthEndpoints.tokenURLField, oauth.tokenURL)),
                         ("oauth_scope", chosen(OAuthEndpoints.scopesField, oauth.scopes))]
        for case let (name, declared?) in endpoints {
            options.append((name, try fill(declared, from: envelope, for: name)))
        }
        return options
    }

    private static func fill(_ declared: String, from envelope: CredentialEnvelope, for endpoint: String) throws -> String {
        let template: Template
        do { template = try Template(declared) } catch { return declared }
        for name in template.placeholders where !envelope.options.contains(where: { $0.0 == name }) {
            throw ConnectionOptionsError.placeholderNotStored(endpoint: endpoint, option: name, connector: envelope.connector)
        }
        return template.fill { name in envelope.options.first { $0.0 == name }?.1.plainText ?? "" }
    }
}

/// Stored credentials that cannot become a connection as they are.
public enum ConnectionOptionsError: UserFacingError, Equatable {
    case placeholderNotStored(endpoint: String, option: String, connector: String)

    public var message: String {
        switch self {
        case let .placeholderNotStored(endpoint, option, connector):
            return "the \(connector) spec's \(endpoint) needs the option \(option), which is not stored"
        }
    }

    public var hints: [String] {
        switch self {
        case let .placeholderNotStored(_, _, connector): return ["run `lakeflow-auth \(connector)` to set it, then try again"]
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
