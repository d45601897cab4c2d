import FoundationEssentials

/// Runs the spec's OAuth flow for validated credentials and checks what it granted. Front ends give
/// it a presenter that shows or opens the authorization link; the rest is the same everywhere.
public struct OAuthAuthorization: Sendable {
    /// Shows the authorization URL to the person (prints it, opens a browser); returns at once.
    public typealias Presenter = @Sendable (URL) async -> Void
    /// Shows a device authorization's code and where to enter it (`--device`); returns at once.
    public typealias DevicePresenter = @Sendable (OAuthDeviceAuthorization) async -> Void

    public static let defaultCallbackTimeout: Duration = .seconds(300)

    /// Nil where nobody can authorize (`probe`): the code flow then needs a stored refresh token.
    public private(set) var presenter: Presenter?
    /// Where the callback's answer sends the person's browser, back to the page they authorized from
    /// (the browser form); nil leaves them on the callback's own answer.
    private(set) var returnAddress: URL?
    /// Told when the provider's callback has answered and the flow goes on without the person.
    private var callbackAnswered: (@Sendable () async -> Void)?
    public let callbackTimeout: Duration
    public let probeTimeout: Duration
    /// Where the provider sends the browser back.
    public let redirect: OAuthRedirect
    /// A refresh token from outside the form, for specs that declare no `refresh_token` option (gmail):
    /// `<CONNECTOR>_REFRESH_TOKEN` in CI.
    public private(set) var refreshToken: String?
    /// Takes a pasted redirect address while the code flow waits.
    public private(set) var wait: OAuthAuthorizationWait?
    /// Set: the code flow runs as RFC 8628's device grant, shown by this presenter.
    public private(set) var devicePresenter: DevicePresenter?
    /// A device authorization endpoint given from outside the form, over the block's.
    public private(set) var deviceEndpoint: String?
    /// What worked at the token endpoint before (the stored envelope's), when the spec does not say.
    public private(set) var rememberedClientAuthentication: OAuthClientAuthentication?

    public init(presenter: Presenter?, callbackTimeout: Duration = defaultCallbackTimeout,
                probeTimeout: Duration = ProbeClient.defaultTimeout, redirect: OAuthRedirect = .standard) {
        self.presenter = presenter
        self.callbackTimeout = callbackTimeout
        self.probeTimeout = probeTimeout
        self.redirect = redirect
    }

    /// This authorization, given a refresh token to try before anything else; nil or empty changes nothing.
    public func with(refreshToken: String?) -> OAuthAuthorization {
        var given = self
        if let refreshToken, !refreshToken.isEmpty { given.refreshToken = refreshToken }
        return given
    }

    /// This authorization, its code flow also answered by what is pasted into `wait`.
    public func answering(with wait: OAuthAuthorizationWait) -> OAuthAuthorization {
        var given = self
        given.wait = wait
        return given
    }

    /// This authorization, its code flow run as a device grant (`--device`) shown by `presenter`, at
    /// `endpoint` when given (nil or empty: the spec block's `device_authorization_url`).
    public func viaDevice(presenter: @escaping DevicePresenter, endpoint: String? = nil) -> OAuthAuthorization {
        var given = self
        given.devicePresenter = presenter
        given.deviceEndpoint = endpoint.flatMap { $0.isEmpty ? nil : $0 }
        return given
    }

    /// This authorization, asking the token endpoint the way that worked before, unless the spec says.
    public func remembering(_ clientAuthentication: OAuthClientAuthentication?) -> OAuthAuthorization {
        var given = self
        given.rememberedClientAuthentication = clientAuthentication
        return given
    }

    /// This authorization, its callback sending the browser on to `address` once it has its answer.
    func returning(to address: URL) -> OAuthAuthorization {
        var given = self
        given.returnAddress = address
        return given
    }

    /// This authorization telling `shown` of the link (before a presenter of its own, if any) and
    /// `answered` of the callback's answer (or a pasted one's): how a setup session makes the wait at
    /// the provider a state of its own, which its front ends draw.
    func reporting(shown: @escaping Presenter, answered: @escaping @Sendable () async -> Void) -> OAuthAuthorization {
        var given = self
        let own = presenter
        given.presenter = { url in
            await shown(url)
            await own?(url)
        }
        given.callbackAnswered = answered
        return given
    }

    /// Whether the flow must run even when nothing is to be checked (`--no-probe`): the code flow without
    /// a refresh token, since it is what grants one. Client credentials and a refresh grant only check.
    public func grantsWhatIsStored(_ credentials: Credentials, spec: ConnectorSpec) -> Bool {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        return spec.oauthFlow(for: method)?.flow == .u2m && givenRefreshToken(credentials) == nil
    }

    /// A refresh grant when the credentials hold a refresh token; else the code flow (u2m: by the
    /// browser, or by a device code with `viaDevice`) or client credentials (m2m). Nil when the spec's
    /// block does not apply to the credentials' method.
    /// - Throws: `OAuthError`, or `InvalidForm` when an endpoint's placeholder names an empty option.
    public func authorize(_ credentials: Credentials, spec: ConnectorSpec) async throws -> OAuthGrant? {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        guard let configuration = spec.oauthFlow(for: method), !leavesExchangeToCheck(configuration, credentials, spec, method) else {
            return nil
        }
        let stored = givenRefreshToken(credentials)
        let usesDevice = configuration.flow == .u2m && stored == nil && devicePresenter != nil
        let options = spec.formOptions(for: method)
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: options,
                                           usesDevice: usesDevice, givenDeviceEndpoint: deviceEndpoint)
        let client = tokenClient(configuration, endpoints, credentials: credentials, spec: spec)
        var tokens: OAuthTokens
        // The token request's own time: a person's minutes at the consent screen are not the provider's.
        var latency: Duration = .zero
        switch configuration.flow {
        case .m2m, .u2mPerUser:
            let started = ContinuousClock.now
            tokens = try await client.request(.clientCredentials(scopes: endpoints.scopes))
            latency = ContinuousClock.now - started
        case .u2m:
            if let stored {
                let started = ContinuousClock.now
                tokens = try await client.request(.refreshToken(stored))
                latency = ContinuousClock.now - started
                // A provider that does not rotate refresh tokens leaves the stored one good.
                tokens = OAuthTokens(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? stored,
                                     expiresAt: tokens.expiresAt, clientAuthentication: tokens.clientAuthentication)
            } else if let devicePresenter, let deviceURL = endpoints.deviceAuthorizationURL {
                (tokens, latency) = try await deviceFlow(at: deviceURL, scopes: endpoints.scopes, client: client,
                                                         presenter: devicePresenter)
            } else {
                guard let presenter, let authorizationURL = endpoints.authorizationURL else {
                    throw OAuthError.authorizationNeeded(connector: credentials.connector)
                }
                (tokens, latency) = try await codeFlow(configuration, endpoints: endpoints, authorizationURL: authorizationURL,
                                                       client: client, presenter: presenter, scrubber: client.scrubber)
            }
        }
        return OAuthGrant(credentials: credentials.with(refreshToken: configuration.flow == .u2m ? tokens.refreshToken : nil),
                          tokens: tokens, tokenHost: client.host, latency: latency)
    }

    /// A built-in check that makes the exchange itself is the check: the flow runs only where it grants
    /// what is stored (the code flow without a refresh token).
    private func leavesExchangeToCheck(_ configuration: OAuthConfiguration, _ credentials: Credentials, _ spec: ConnectorSpec,
                                       _ method: AuthMethod?) -> Bool {
        let grants = configuration.flow == .u2m && givenRefreshToken(credentials) == nil
        return !grants && spec.builtInCheckExchangesTokens(method, credentials: credentials)
    }

    /// The token client for a run of the flow: where the client's credentials go (the spec's
    /// `client_auth`, else the built-in layer's, else what worked before) and what the connector adds
    /// to the request (`token_params`); what the endpoint says passes the scrubber of the form's secrets.
    private func tokenClient(_ configuration: OAuthConfiguration, _ endpoints: OAuthEndpoints, credentials: Credentials,
                             spec: ConnectorSpec) -> OAuthTokenClient {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        let extra = (spec.oauthExchange?.tokenParams ?? []).map { name, template in
            (name, template.fill { credentials[$0]?.plainText ?? "" })
        }
        let scrubber = SecretScrubber(credentials: credentials, options: spec.formOptions(for: method))
            .adding(secrets: refreshToken.map { [$0] } ?? [])
        return OAuthTokenClient(endpoint: endpoints.tokenURL,
                                clientID: credentials[OAuthOption.clientID]?.plainText ?? "",
                                clientSecret: credentials[OAuthOption.clientSecret]?.plainText ?? "",
                                authentication: configuration.clientAuthentication ?? spec.oauthExchange?.clientAuth
                                    ?? rememberedClientAuthentication,
                                extraFields: extra, scrubber: scrubber)
    }

    /// The form's refresh token, else the one given from outside it.
    private func givenRefreshToken(_ credentials: Credentials) -> String? {
        [credentials[OAuthOption.refreshToken]?.plainText, refreshToken].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The check of a grant: the method's check with the access token as its `{access_token}` (a spec's
    /// own probe sends it as a bearer), else the exchange itself, which the token answer just passed.
    public func check(_ grant: OAuthGrant, spec: ConnectorSpec) async throws -> ProbeResult {
        let method = grant.credentials.authMethod.flatMap(spec.authMethod(named:))
        guard let check = spec.check(for: method, credentials: grant.credentials), check.noCheckReason == nil else {
            return ProbeResult(outcome: .verified, source: spec.title, authMethod: method?.name, status: 200,
                               latency: grant.latency, authorizedBy: grant.tokenHost)
        }
        return try await ProbeClient().probe(grant.credentials, spec: spec, timeout: probeTimeout, accessToken: grant.tokens.accessToken)
    }

    /// The token request the flow would send first, for a plan: a refresh grant when a refresh token is
    /// at hand, client credentials for m2m, the code's redemption (its code still to come) for u2m.
    /// Nil when the spec's block does not apply to the credentials' method.
    public func plannedTokenRequest(_ credentials: Credentials, spec: ConnectorSpec) throws -> HTTPClient.Request? {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        guard let configuration = spec.oauthFlow(for: method), !leavesExchangeToCheck(configuration, credentials, spec, method) else {
            return nil
        }
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: method))
        let client = tokenClient(configuration, endpoints, credentials: credentials, spec: spec)
        let grant: OAuthTokenClient.Grant
        switch configuration.flow {
        case .m2m, .u2mPerUser: grant = .clientCredentials(scopes: endpoints.scopes)
        case .u2m:
            if let stored = givenRefreshToken(credentials) {
                grant = .refreshToken(stored)
            } else {
                grant = .authorizationCode(code: "{code}", redirectURI: "{redirect_uri}", verifier: configuration.pkce ? "{code_verifier}" : nil)
            }
        }
        return client.plannedRequest(for: grant)
    }

    /// The code redeemed while the callback's page waits, so the page tells what came of it.
    private func codeFlow(_ configuration: OAuthConfiguration, endpoints: OAuthEndpoints, authorizationURL: URL,
                          client: OAuthTokenClient, presenter: Presenter,
                          scrubber: SecretScrubber) async throws -> (OAuthTokens, Duration) {
        try await withConsent(configuration, scopes: endpoints.scopes, authorizationURL: authorizationURL,
                              clientID: client.clientID, presenter: presenter, scrubber: scrubber) { granted in
            let scrubber = scrubber.adding(secrets: [granted.code] + [granted.verifier].compactMap { $0 })
            do {
                let started = ContinuousClock.now
                let tokens = try await client.request(.authorizationCode(code: granted.code, redirectURI: granted.redirectURI,
                                                                         verifier: granted.verifier))
                let latency = ContinuousClock.now - started
                guard tokens.refreshToken != nil else { throw OAuthError.noRefreshToken(host: client.host) }
                return ((tokens, latency), .authorized)
            } catch let error as OAuthError {
                let told = error.naming(redirectURI: granted.redirectURI)
                throw SettledFailure(error: told, page: .failed(scrubber.scrub(told.message)))
            }
        }
    }

    /// RFC 8628: a code the person enters at the provider's page on any device, then polls.
    private func deviceFlow(at endpoint: URL, scopes: String?, client: OAuthTokenClient,
                            presenter: DevicePresenter) async throws -> (OAuthTokens, Duration) {
        let started = ContinuousClock.now
        let authorization = try await client.deviceAuthorization(at: endpoint, scopes: scopes)
        let latency = ContinuousClock.now - started
        await presenter(authorization)
        let tokens = try await authorization.poll(client, clock: ContinuousClock())
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
        let options = spec.formOptions(for: method)
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: options)
        guard let presenter, let authorizationURL = endpoints.authorizationURL else {
            throw OAuthError.authorizationNeeded(connector: credentials.connector)
        }
        let clientID = credentials[OAuthOption.clientID]?.plainText ?? ""
        let scrubber = SecretScrubber(credentials: credentials, options: options).adding(
            secrets: [], basicPairs: OAuthTokenClient.basicPairs(clientID: clientID,
                                                                 clientSecret: credentials[OAuthOption.clientSecret]?.plainText ?? ""))
        return try await withConsent(configuration, scopes: endpoints.scopes, authorizationURL: authorizationURL,
                                     clientID: clientID, presenter: presenter, scrubber: scrubber) {
            ($0, .received)
        }
    }

    /// Shows the link, waits for the person's consent (the callback or a pasted address), hands it to
    /// `redeem`, and tells the callback's page what `redeem` made of it.
    /// - Parameter scrubber: the secrets in play (the form's, the client's Basic pairs), for what the
    ///   provider sends back to the callback; the PKCE verifier is added here.
    private func withConsent<T>(_ configuration: OAuthConfiguration, scopes: String?, authorizationURL: URL, clientID: String,
                                presenter: Presenter, scrubber: SecretScrubber,
                                redeem: (OAuthConsent) async throws -> (T, CallbackPage)) async throws -> T {
        let providerHost = HTTPOrigin(authorizationURL)?.host ?? "the provider"
        // The state and the verifier are made before the listener, so no callback can come before they are known.
        let state = AuthorizationRequest.newState()
        let pkce = configuration.pkce ? PKCE() : nil
        let listener = try await OAuthCallbackListener.start(redirect: redirect, providerHost: providerHost,
                                                            expectedState: state, returnAddress: returnAddress,
                                                            scrubber: scrubber.adding(secrets: pkce.map { [$0.verifier] } ?? []))
        wait?.begin(listener)
        defer {
            wait?.end(listener)
            Task { await listener.stop() }
        }
        let made = AuthorizationRequest(endpoint: authorizationURL, clientID: clientID, redirectURI: listener.redirectURI,
                                        scopes: scopes, pkce: pkce,
                                        extraParameters: configuration.extraAuthParams, state: state)
        await presenter(made.url)
        // The code goes to the token endpoint the moment it arrives; the person takes seconds to
        // authorize, time enough to load the HTTP client that sends it.
        HTTPClient.prepare()
        let code: String
        do {
            code = try await listener.code(within: callbackTimeout)
        } catch let error as OAuthError {
            throw error.naming(redirectURI: made.redirectURI)
        }
        await callbackAnswered?()
        do {
            let (value, page) = try await redeem(OAuthConsent(code: code, redirectURI: made.redirectURI, verifier: made.pkce?.verifier))
            await listener.settle(page)
            return value
        } catch let failure as SettledFailure {
            await listener.settle(failure.page)
            throw failure.error
        }
    }

    /// A failure of redeeming the code, with what the callback's page says of it.
    private struct SettledFailure: Error {
        let error: OAuthError
        let page: CallbackPage
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
