import Foundation

/// Runs the spec's OAuth flow for validated credentials and checks what it granted. Front ends give
/// it a presenter that shows or opens the authorization link; the rest is the same everywhere.
public struct OAuthAuthorization: Sendable {
    /// Shows the authorization URL to the person (prints it, opens a browser); returns at once.
    public typealias Presenter = @Sendable (URL) async -> Void

    public static let defaultCallbackTimeout: Duration = .seconds(300)

    /// Nil where nobody can authorize (`probe`): the code flow then needs a stored refresh token.
    public private(set) var presenter: Presenter?
    /// Where the callback's answer sends the person's browser, back to the page they authorized from
    /// (the browser form); nil leaves them on the callback's own answer.
    private(set) var returnAddress: URL?
    /// Told when the provider's callback has answered and the flow goes on without the person.
    private var callbackAnswered: (@Sendable () async -> Void)?
    /// Given the code flow's callback listener before the link is shown, so a pasted redirect can answer it.
    private var callbackListening: (@Sendable (OAuthCallbackListener) async -> Void)?
    public let callbackTimeout: Duration
    public let probeTimeout: Duration
    /// A refresh token from outside the form, for specs that declare no `refresh_token` option (gmail):
    /// `<CONNECTOR>_REFRESH_TOKEN` in CI.
    public private(set) var refreshToken: String?

    public init(presenter: Presenter?, callbackTimeout: Duration = defaultCallbackTimeout,
                probeTimeout: Duration = ProbeClient.defaultTimeout) {
        self.presenter = presenter
        self.callbackTimeout = callbackTimeout
        self.probeTimeout = probeTimeout
    }

    /// This authorization, given a refresh token to try before anything else; nil or empty changes nothing.
    public func with(refreshToken: String?) -> OAuthAuthorization {
        var given = self
        if let refreshToken, !refreshToken.isEmpty { given.refreshToken = refreshToken }
        return given
    }

    /// This authorization, its callback sending the browser on to `address` once it has its answer.
    func returning(to address: URL) -> OAuthAuthorization {
        var given = self
        given.returnAddress = address
        return given
    }

    /// This authorization telling `shown` of the link (before a presenter of its own, if any) and
    /// `answered` of the callback's answer, and `listening` of the listener that waits for it: how a
    /// setup session makes the wait at the provider a state of its own, which its front ends draw and a
    /// pasted redirect answers.
    func reporting(shown: @escaping Presenter, answered: @escaping @Sendable () async -> Void,
                   listening: @escaping @Sendable (OAuthCallbackListener) async -> Void) -> OAuthAuthorization {
        var given = self
        let own = presenter
        given.presenter = { url in
            await shown(url)
            await own?(url)
        }
        given.callbackAnswered = answered
        given.callbackListening = listening
        return given
    }

    /// Whether the flow must run even when nothing is to be checked (`--no-probe`): the code flow without
    /// a refresh token, since it is what grants one. Client credentials and a refresh grant only check.
    public func grantsWhatIsStored(_ credentials: Credentials, spec: ConnectorSpec) -> Bool {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        return spec.oauthFlow(for: method)?.flow == .u2m && givenRefreshToken(credentials) == nil
    }

    /// A refresh grant when the credentials hold a refresh token; else the code flow (u2m) or client
    /// credentials (m2m). Nil when the spec's block does not apply to the credentials' method.
    /// - Throws: `OAuthError`, or `InvalidForm` when an endpoint's placeholder names an empty option.
    public func authorize(_ credentials: Credentials, spec: ConnectorSpec) async throws -> OAuthGrant? {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        guard let configuration = spec.oauthFlow(for: method) else { return nil }
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: method))
        let client = OAuthTokenClient(endpoint: endpoints.tokenURL,
                                      clientID: credentials[OAuthOption.clientID]?.plainText ?? "",
                                      clientSecret: credentials[OAuthOption.clientSecret]?.plainText ?? "")
        var tokens: OAuthTokens
        // The token request's own time: a person's minutes at the consent screen are not the provider's.
        var latency: Duration = .zero
        switch configuration.flow {
        case .m2m, .u2mPerUser:
            let started = ContinuousClock.now
            tokens = try await client.request(.clientCredentials(scopes: endpoints.scopes))
            latency = ContinuousClock.now - started
        case .u2m:
            if let stored = givenRefreshToken(credentials) {
                let started = ContinuousClock.now
                tokens = try await client.request(.refreshToken(stored))
                latency = ContinuousClock.now - started
                // A provider that does not rotate refresh tokens leaves the stored one good.
                tokens = OAuthTokens(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? stored,
                                     expiresAt: tokens.expiresAt)
            } else {
                guard let presenter, let authorizationURL = endpoints.authorizationURL else {
                    throw OAuthError.authorizationNeeded(connector: credentials.connector)
                }
                (tokens, latency) = try await codeFlow(configuration, endpoints: endpoints, authorizationURL: authorizationURL,
                                                       client: client, presenter: presenter)
            }
        }
        return OAuthGrant(credentials: credentials.with(refreshToken: configuration.flow == .u2m ? tokens.refreshToken : nil),
                          tokens: tokens, tokenHost: client.host, latency: latency)
    }

    /// The form's refresh token, else the one given from outside it.
    private func givenRefreshToken(_ credentials: Credentials) -> String? {
        [credentials[OAuthOption.refreshToken]?.plainText, refreshToken].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The check of a grant: the declared probe with the access token as bearer, else the exchange itself.
    public func check(_ grant: OAuthGrant, spec: ConnectorSpec) async throws -> ProbeResult {
        let method = grant.credentials.authMethod.flatMap(spec.authMethod(named:))
        guard spec.probe(for: method) != nil else {
            return ProbeResult(outcome: .verified, source: spec.title, authMethod: method?.name, status: 200,
                               latency: grant.latency, authorizedBy: grant.tokenHost)
        }
        return try await ProbeClient().probe(grant.credentials, spec: spec, timeout: probeTimeout, bearer: grant.tokens.accessToken)
    }

    private func codeFlow(_ configuration: OAuthConfiguration, endpoints: OAuthEndpoints, authorizationURL: URL,
                          client: OAuthTokenClient, presenter: Presenter) async throws -> (OAuthTokens, Duration) {
        let granted = try await consent(configuration, scopes: endpoints.scopes, authorizationURL: authorizationURL,
                                        clientID: client.clientID, presenter: presenter)
        let started = ContinuousClock.now
        let tokens = try await client.request(.authorizationCode(code: granted.code, redirectURI: granted.redirectURI,
                                                                 verifier: granted.verifier))
        let latency = ContinuousClock.now - started
        guard tokens.refreshToken != nil else { throw OAuthError.noRefreshToken(host: client.host) }
        return (tokens, latency)
    }

    /// The code flow's first half alone, for whoever redeems the code elsewhere: Unity Catalog redeems it
    /// when a connection is made, so `connection create` hands it over unredeemed.
    /// - Throws: `OAuthError`, `InvalidForm` for an empty placeholder; `authorizationNeeded` when the
    ///   spec's block is not a code flow for these credentials or nobody can be shown the link.
    public func consent(for credentials: Credentials, spec: ConnectorSpec) async throws -> OAuthConsent {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        guard let configuration = spec.oauthFlow(for: method), configuration.flow == .u2m else {
            throw OAuthError.authorizationNeeded(connector: credentials.connector)
        }
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: method))
        guard let presenter, let authorizationURL = endpoints.authorizationURL else {
            throw OAuthError.authorizationNeeded(connector: credentials.connector)
        }
        return try await consent(configuration, scopes: endpoints.scopes, authorizationURL: authorizationURL,
                                 clientID: credentials[OAuthOption.clientID]?.plainText ?? "", presenter: presenter)
    }

    private func consent(_ configuration: OAuthConfiguration, scopes: String?, authorizationURL: URL, clientID: String,
                         presenter: Presenter) async throws -> OAuthConsent {
        let providerHost = HTTPOrigin(authorizationURL)?.host ?? "the provider"
        // The state is made before the listener, so no callback can come before it is known.
        let state = AuthorizationRequest.newState()
        let listener = try await OAuthCallbackListener.start(providerHost: providerHost, expectedState: state,
                                                            returnAddress: returnAddress)
        defer { Task { await listener.stop() } }
        let made = AuthorizationRequest(endpoint: authorizationURL, clientID: clientID, redirectURI: listener.redirectURI,
                                        scopes: scopes, usesPKCE: configuration.pkce,
                                        extraParameters: configuration.extraAuthParams, state: state)
        await callbackListening?(listener)
        await presenter(made.url)
        // The code goes to the token endpoint the moment it arrives; the person takes seconds to
        // authorize, time enough to load the HTTP client that sends it.
        HTTPClient.prepare()
        let code = try await listener.code(within: callbackTimeout)
        await callbackAnswered?()
        return OAuthConsent(code: code, redirectURI: made.redirectURI, verifier: made.pkce?.verifier)
    }
}

/// A person's consent, not yet redeemed: the code and what redeeming it needs. All of it is secret.
public struct OAuthConsent: Sendable {
    public let code: String
    public let redirectURI: String
    /// The PKCE verifier, when the flow uses PKCE.
    public let verifier: String?

    public init(code: String, redirectURI: String, verifier: String?) {
        self.code = code
        self.redirectURI = redirectURI
        self.verifier = verifier
    }
}

/// What one run of the flow produced: the credentials to store (the refresh token among their options)
/// and the tokens the envelope keeps beside them.
public struct OAuthGrant: Sendable {
    public let credentials: Credentials
    public let tokens: OAuthTokens
    /// The token endpoint's host (and port, when not the default), as messages name it.
    public let tokenHost: String
    /// Of the token request alone.
    public let latency: Duration
}

extension Credentials {
    /// These credentials with `refresh_token` set in place (or added last); unchanged for nil.
    func with(refreshToken: String?) -> Credentials {
        guard let refreshToken else { return self }
        var values = self.values
        if let index = values.firstIndex(where: { $0.0 == OAuthOption.refreshToken }) {
            values[index].1 = .string(refreshToken)
        } else {
            values.append((OAuthOption.refreshToken, .string(refreshToken)))
        }
        return Credentials(connector: connector, authMethod: authMethod, values: values, oauthEndpoints: oauthEndpoints)
    }
}
