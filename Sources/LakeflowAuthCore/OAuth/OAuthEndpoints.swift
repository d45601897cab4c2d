import FoundationEssentials

/// The endpoints and scope of one run of the flow, their `{option}` placeholders filled from the
/// form's values.
public struct OAuthEndpoints: Sendable, Equatable {
    public let authorizationURL: URL?
    public let tokenURL: URL
    public let scopes: String?
    /// For `--device`: the one given from outside the form, else the block's `device_authorization_url`;
    /// nil when neither gives one or the device grant was not asked for.
    public let deviceAuthorizationURL: URL?

    /// The names of the form's fields for the endpoints and scope (`oauthEndpointFields`), which are
    /// also the block's keys.
    public static let authorizationURLField = "authorization_url"
    public static let tokenURLField = "token_url"
    public static let scopesField = "scopes"
    /// The block's key for RFC 8628's endpoint, and the name of its env var's option part
    /// (`<CONNECTOR>_DEVICE_AUTHORIZATION_URL`).
    public static let deviceAuthorizationURLKey = "device_authorization_url"

    /// Where an endpoint the block leaves out is read from instead: odata's generic `oauth` method
    /// declares no `token_url` but asks for `token_endpoint`, as upstream's CLI reads it.
    static let optionsStandingIn = [
        authorizationURLField: ["authorization_url", "authorization_endpoint"],
        tokenURLField: ["token_url", "token_endpoint"],
        scopesField: ["scopes", "oauth_scope", "scope"],
    ]

    /// - Throws: `InvalidForm` when a placeholder names an option without a value (the error is on that
    ///   option); `OAuthError` when an endpoint is not declared anywhere or is no https URL.
    /// - Parameters:
    ///   - options: the options the credentials were validated against, for their types.
    ///   - usesDevice: the code flow runs as RFC 8628's device grant, so the device authorization
    ///     endpoint is needed instead of the authorization endpoint.
    ///   - givenDeviceEndpoint: one given from outside the form (`<CONNECTOR>_DEVICE_AUTHORIZATION_URL`),
    ///     over the block's.
    public init(_ configuration: OAuthConfiguration, credentials: Credentials, options: [ConnectorOption],
                usesDevice: Bool = false, givenDeviceEndpoint: String? = nil) throws {
        func declared(_ key: String, _ value: String?) -> String? {
            Self.chosen(key, value, credentials)
                ?? Self.optionsStandingIn[key]?.lazy.compactMap { credentials[$0]?.plainText }.first { !$0.isEmpty }
        }
        let missing = Self.unfilledPlaceholders(configuration, in: credentials)
        guard missing.isEmpty else {
            throw InvalidForm(connector: credentials.connector,
                              errors: missing.map { FieldError(option: $0, problem: .missing) }, authMethodMissing: nil)
        }
        guard let token = declared("token_url", configuration.tokenURL) else { throw OAuthError.endpointUndeclared("token_url") }
        tokenURL = try Self.url(token, named: "token_url", credentials: credentials, options: options)
        if configuration.flow == .u2m, usesDevice {
            guard let given = givenDeviceEndpoint ?? configuration.deviceAuthorizationURL else {
                throw OAuthError.deviceEndpointUndeclared(connector: credentials.connector)
            }
            deviceAuthorizationURL = try Self.url(given, named: Self.deviceAuthorizationURLKey, credentials: credentials,
                                                  options: options)
            authorizationURL = nil
        } else if configuration.flow == .u2m {
            deviceAuthorizationURL = nil
            guard let authorization = declared("authorization_url", configuration.authorizationURL) else {
                throw OAuthError.endpointUndeclared("authorization_url")
            }
            authorizationURL = try Self.url(authorization, named: "authorization_url", credentials: credentials, options: options)
        } else {
            deviceAuthorizationURL = nil
            authorizationURL = nil
        }
        scopes = declared("scopes", configuration.scopes).map { text in
            (try? Template(text))?.fill { credentials[$0]?.plainText ?? "" } ?? text
        }
    }

    private static func url(_ text: String, named name: String, credentials: Credentials,
                            options: [ConnectorOption]) throws(OAuthError) -> URL {
        let filled = (try? Template(text))?.fillingURL(options: options) { credentials[$0]?.plainText ?? "" } ?? text
        guard let url = URL(string: filled), let origin = HTTPOrigin(url) else { throw .endpointNotURL(name) }
        guard origin.allowsCredentials else { throw .endpointInsecure(name, host: origin.host) }
        return url
    }

    /// Why `text` cannot be the endpoint or scope of field `name`, as far as that shows before the flow
    /// fills its placeholders: an endpoint must be https, or http to this machine. One that starts with a
    /// placeholder (`{base_url}/token`) takes its scheme and host from that option, and is checked filled.
    static func problem(_ name: String, _ text: String) -> FieldProblem? {
        if let problem = ValueRules.characterProblem(text, allowingLines: false) { return problem }
        guard name != scopesField, !text.hasPrefix("{") else { return nil }
        let shape = (try? Template(text))?.fill { _ in "x" } ?? text
        guard let url = URL(string: shape), let origin = HTTPOrigin(url) else { return .notURL }
        return origin.allowsCredentials ? nil : .insecureURL(host: origin.host)
    }

    /// What the person chose in the form for `key`, else what the block declares.
    private static func chosen(_ key: String, _ declared: String?, _ credentials: Credentials) -> String? {
        credentials.oauthEndpoints.first { $0.0 == key }?.1 ?? declared
    }

    /// The options the endpoints and scope in use name in braces that have no value in `credentials`.
    public static func unfilledPlaceholders(_ configuration: OAuthConfiguration, in credentials: Credentials) -> [String] {
        var missing: [String] = []
        let texts = [chosen(authorizationURLField, configuration.authorizationURL, credentials),
                     chosen(tokenURLField, configuration.tokenURL, credentials),
                     chosen(scopesField, configuration.scopes, credentials)]
        for text in texts.compactMap({ $0 }) {
            guard let template = try? Template(text) else { continue }
            for name in template.placeholders where (credentials[name]?.plainText ?? "").isEmpty && !missing.contains(name) {
                missing.append(name)
            }
        }
        return missing
    }
}
