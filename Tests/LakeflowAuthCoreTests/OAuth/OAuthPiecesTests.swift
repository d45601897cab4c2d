import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// The parts of the flow that need no network: PKCE, the authorization URL, endpoints and which
/// method a spec's block applies to.
@Suite struct OAuthPiecesTests {
    static func query(_ url: URL) -> [(String, String)] {
        (URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    @Test func pkceMatchesTheRFCExampleAndIsFreshEachTime() {
        // RFC 7636, appendix B.
        #expect(PKCE.challenge(of: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        let first = PKCE(), second = PKCE()
        #expect(first.verifier.count == 43)
        #expect(first.verifier != second.verifier)
        #expect(first.verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(first.challenge == PKCE.challenge(of: first.verifier))
    }

    @Test func theAuthorizationURLCarriesTheFlowsParametersAndExtrasNeverOverrideThem() throws {
        let extras = [("access_type", "offline"), ("state", "mine"), ("redirect_uri", "https://evil.example/"),
                      ("response_type", "token"), ("client_id", "other"), ("scope", "admin"),
                      ("code_challenge", "x"), ("code_challenge_method", "plain"), ("prompt", "consent")]
        let request = AuthorizationRequest(endpoint: try #require(URL(string: "https://id.example/auth?tenant=a")),
                                           clientID: "app 1", redirectURI: "http://127.0.0.1:5000/oauth/callback",
                                           scopes: "read write", usesPKCE: true, extraParameters: extras)
        let query = Self.query(request.url)
        let names = query.map(\.0)
        #expect(request.url.absoluteString.hasPrefix("https://id.example/auth?tenant=a&"))
        for name in ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"] {
            #expect(names.filter { $0 == name }.count == 1, "\(name) appears once")
        }
        let values = Dictionary(query, uniquingKeysWith: { first, _ in first })
        #expect(values["response_type"] == "code")
        #expect(values["client_id"] == "app 1")
        #expect(values["redirect_uri"] == "http://127.0.0.1:5000/oauth/callback")
        #expect(values["scope"] == "read write")
        #expect(values["state"] == request.state)
        #expect(values["code_challenge"] == request.pkce?.challenge)
        #expect(values["code_challenge_method"] == "S256")
        #expect(values["access_type"] == "offline")
        #expect(values["prompt"] == "consent")
        #expect(!request.url.absoluteString.contains(try #require(request.pkce?.verifier)))
    }

    @Test func withoutPKCETheRequestHasNoChallengeAndEachStateIsNew() throws {
        let endpoint = try #require(URL(string: "https://accounts.example/o/oauth2/auth"))
        func make() -> AuthorizationRequest {
            AuthorizationRequest(endpoint: endpoint, clientID: "id", redirectURI: "http://127.0.0.1:1/oauth/callback",
                                 scopes: nil, usesPKCE: false, extraParameters: [])
        }
        let request = make()
        #expect(request.pkce == nil)
        #expect(!Self.query(request.url).contains { $0.0.hasPrefix("code_challenge") || $0.0 == "scope" })
        #expect(request.state.count >= 22)
        #expect(make().state != request.state)
    }

    @Test func placeholdersAreFilledFromTheFormAndEncoded() throws {
        let spec = try OAuthFixtures.clientCredentialsSpec()
        let method = spec.authMethod(named: "service_principal")
        let configuration = try #require(spec.oauthFlow(for: method))
        let credentials = Credentials(connector: "oauth_service", authMethod: "service_principal", values: [
            ("base_url", .string("https://login.example/")), ("tenant_id", .string("contoso/../x?y")),
            ("client_id", .string("id")), ("client_secret", .string("s")),
        ])
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: method))
        #expect(endpoints.tokenURL.absoluteString == "https://login.example/contoso%2F..%2Fx%3Fy/token")
        #expect(endpoints.scopes == "api://service/.default")
        #expect(endpoints.authorizationURL == nil)
    }

    @Test func aPlaceholderWithoutAValueIsAnErrorOnItsOption() throws {
        let spec = try OAuthFixtures.clientCredentialsSpec()
        let method = spec.authMethod(named: "service_principal")
        let configuration = try #require(spec.oauthFlow(for: method))
        let credentials = Credentials(connector: "oauth_service", authMethod: "service_principal", values: [
            ("base_url", .string("https://login.example")), ("client_id", .string("id")), ("client_secret", .string("s")),
        ])
        let error = try #require(throws: InvalidForm.self) {
            try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: method))
        }
        #expect(error.errors == [FieldError(option: "tenant_id", problem: .missing)])
    }

    @Test func anEndpointOverPlainHTTPToAnotherMachineIsRefused() throws {
        let spec = try OAuthFixtures.codeFlowSpec()
        let configuration = try #require(spec.oauthFlow(for: nil))
        let credentials = Credentials(connector: "oauth_demo", authMethod: nil, values: [
            ("base_url", .string("http://id.example")), ("client_id", .string("id")), ("client_secret", .string("s")),
        ])
        let error = try #require(throws: OAuthError.self) {
            try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: nil))
        }
        #expect(error == .endpointInsecure("token_url", host: "id.example"))
        #expect(error.exitStatus == .badInput)
    }

    @Test func theBlockAppliesToMethodsWithClientCredentialsOnly() throws {
        let service = try OAuthFixtures.clientCredentialsSpec()
        #expect(service.oauthFlow(for: service.authMethod(named: "service_principal"))?.flow == .m2m)
        #expect(service.oauthFlow(for: service.authMethod(named: "token")) == nil)
        #expect(service.oauthFlow(for: nil) == nil)
        let demo = try OAuthFixtures.codeFlowSpec()
        #expect(demo.oauthFlow(for: nil)?.flow == .u2m)
        #expect(demo.isFilledByOAuth("refresh_token", method: nil))
        #expect(!demo.isFilledByOAuth("client_secret", method: nil))
    }

    @Test func theCodeFlowsRefreshTokenIsNotAskedFor() throws {
        var form = Form(spec: try OAuthFixtures.codeFlowSpec())
        form.set("base_url", "https://id.example")
        form.set("client_id", "id")
        form.set("client_secret", "secret")
        let credentials = try form.validate()
        #expect(credentials["refresh_token"] == nil)
    }

    @Test func theFormAsksForAnOptionalOptionThatAnEndpointNames() throws {
        var form = Form(spec: try OAuthFixtures.clientCredentialsSpec())
        try form.chooseAuthMethod("service_principal")
        form.set("base_url", "https://login.example")
        form.set("client_id", "id")
        form.set("client_secret", "secret")
        #expect(throws: InvalidForm.self) { try form.validate() }
        #expect(form.errors == [FieldError(option: "tenant_id", problem: .missing)])
        form.set("tenant_id", "contoso")
        #expect(try form.validate()["tenant_id"] == .string("contoso"))
        try form.chooseAuthMethod("token")
        form.set("token", "t")
        #expect(try form.validate()["tenant_id"] == nil)
    }

    @Test func anEnvelopeKeepsItsAccessTokenBesideTheOptions() throws {
        let token = OAuthAccessToken(token: "at-1", expiresAt: Date(timeIntervalSince1970: 1_900_000_000))
        let envelope = CredentialEnvelope(connector: "gmail", authMethod: nil, options: [("refresh_token", .string("rt"))],
                                          secretOptions: ["refresh_token"], envVars: nil, savedAt: Date(), probe: nil, oauth: token)
        let text = envelope.json.serialized()
        let read = try CredentialEnvelope(decoding: Array(text.utf8), path: "gmail.age")
        #expect(read == envelope)
        #expect(read.oauth == token)
        #expect(read.optionsJSON == .object([("refresh_token", .string("rt"))]))
        #expect(!read.optionsJSON.serialized().contains("at-1"))
        let broken = text.replacingOccurrences(of: "\"access_token\"", with: "\"token\"")
        #expect(throws: StoreError.self) { try CredentialEnvelope(decoding: Array(broken.utf8), path: "gmail.age") }
    }
}

/// The seven real specs that declare `connection.oauth` are read as upstream means them.
@Suite(SharedCorpus.connectorSpecs.required)
struct RealOAuthSpecTests {
    struct Expected: Sendable, CustomStringConvertible {
        let connector: String
        let method: String?
        let flow: OAuthConfiguration.Flow
        let pkce: Bool
        let hasTokenURL: Bool
        var description: String { connector }
    }

    static let expected = [
        Expected(connector: "azure_devops", method: "service_principal", flow: .m2m, pkce: true, hasTokenURL: true),
        Expected(connector: "collibra", method: "service_principal", flow: .m2m, pkce: true, hasTokenURL: true),
        Expected(connector: "gmail", method: nil, flow: .u2m, pkce: false, hasTokenURL: true),
        Expected(connector: "google_sheets_docs", method: nil, flow: .u2m, pkce: true, hasTokenURL: true),
        Expected(connector: "odata", method: "oauth", flow: .m2m, pkce: true, hasTokenURL: false),
        Expected(connector: "youtube", method: "oauth", flow: .u2m, pkce: true, hasTokenURL: true),
        Expected(connector: "zoho_crm", method: nil, flow: .u2m, pkce: true, hasTokenURL: true),
    ]

    @Test(arguments: expected)
    func theBlockIsReadAndAppliesToTheMethodWithClientCredentials(_ expected: Expected) throws {
        let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(expected.connector))
        let configuration = try #require(spec.oauthConfiguration)
        #expect(configuration.flow == expected.flow)
        #expect(configuration.pkce == expected.pkce)
        #expect((configuration.tokenURL != nil) == expected.hasTokenURL)
        let method = expected.method.flatMap(spec.authMethod(named:))
        #expect(spec.oauthFlow(for: method) == configuration)
        for other in spec.authMethods where other.name != expected.method {
            #expect(spec.oauthFlow(for: other) == nil, "\(other.name) runs no flow")
        }
    }

    @Test func theGoogleSpecsAskForOfflineAccess() throws {
        for connector in ["gmail", "youtube", "google_sheets_docs", "zoho_crm"] {
            let configuration = try #require(try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(connector)).oauthConfiguration)
            #expect(configuration.extraAuthParams.contains { $0 == ("access_type", "offline") }, "\(connector)")
        }
    }

    @Test func azureDevOpsFillsItsTenantIntoTheTokenEndpoint() throws {
        let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec("azure_devops"))
        let method = spec.authMethod(named: "service_principal")
        let configuration = try #require(spec.oauthFlow(for: method))
        let credentials = Credentials(connector: "azure_devops", authMethod: "service_principal", values: [
            ("tenant_id", .string("72f988bf")), ("client_id", .string("id")), ("client_secret", .string("s")),
            ("organization", .string("org")),
        ])
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: method))
        #expect(endpoints.tokenURL.absoluteString == "https://login.microsoftonline.com/72f988bf/oauth2/v2.0/token")
    }

    @Test func odataTakesItsTokenEndpointFromTheForm() throws {
        let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec("odata"))
        let method = spec.authMethod(named: "oauth")
        let configuration = try #require(spec.oauthFlow(for: method))
        let credentials = Credentials(connector: "odata", authMethod: "oauth", values: [
            ("client_id", .string("id")), ("client_secret", .string("s")),
            ("token_endpoint", .string("https://login.example/token")), ("oauth_scope", .string("api")),
        ])
        let endpoints = try OAuthEndpoints(configuration, credentials: credentials, options: spec.formOptions(for: method))
        #expect(endpoints.tokenURL.absoluteString == "https://login.example/token")
        #expect(endpoints.scopes == "api")
    }
}
