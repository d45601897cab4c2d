import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// An OAuth method's endpoints and scope are fields of its form, prefilled from the spec; what is set
/// in place of the spec's is kept beside the options, never among them.
@Suite struct OAuthEndpointFieldsTests {
    static func filledCodeFlowForm() throws -> Form {
        var form = Form(spec: try OAuthFixtures.codeFlowSpec())
        form.set("base_url", "https://id.example")
        form.set("client_id", "id")
        form.set("client_secret", "secret")
        return form
    }

    @Test func theCodeFlowsEndpointsAndScopeComeLastPrefilledAsDeclared() throws {
        let form = Form(spec: try OAuthFixtures.codeFlowSpec())
        let fields = form.fields.suffix(3)
        #expect(fields.map(\.name) == ["authorization_url", "token_url", "scopes"])
        #expect(fields.map(\.defaultValue) == ["{base_url}/authorize", "{base_url}/token", "read:mail read:profile"])
        #expect(fields.allSatisfy { !$0.required && !$0.secret })
        #expect(fields.map(\.envVar) == ["OAUTH_DEMO_AUTHORIZATION_URL", "OAUTH_DEMO_TOKEN_URL", "OAUTH_DEMO_SCOPES"])
    }

    @Test func clientCredentialsHaveNoAuthorizationEndpointAndOtherMethodsNoFields() throws {
        var form = Form(spec: try OAuthFixtures.clientCredentialsSpec())
        try form.chooseAuthMethod("service_principal")
        #expect(form.fields.suffix(2).map(\.name) == ["token_url", "scopes"])
        form.set("token_url", "https://login.example/token")
        try form.chooseAuthMethod("token")
        #expect(!form.fields.contains { $0.name == "token_url" || $0.name == "scopes" })
        // What was typed for the other method is set aside, as for its options.
        form.set("base_url", "https://api.example")
        form.set("token", "t")
        let credentials = try form.validate()
        #expect(credentials.oauthEndpoints.isEmpty && credentials["token_url"] == nil)
    }

    @Test func prefilledValuesLeaveNothingBesideTheOptions() throws {
        var form = try Self.filledCodeFlowForm()
        let credentials = try form.validate()
        #expect(credentials.oauthEndpoints.isEmpty)
        #expect(credentials["token_url"] == nil && credentials["scopes"] == nil)
    }

    @Test func anEditedScopeIsKeptApartAndUsedByTheFlow() throws {
        var form = try Self.filledCodeFlowForm()
        form.set("scopes", "read:mail")
        form.set("token_url", "{base_url}/tenant-a/token")
        let credentials = try form.validate()
        #expect(credentials.oauthEndpoints.map(\.0) == ["token_url", "scopes"])
        #expect(credentials["scopes"] == nil)
        #expect(!credentials.options.serialized().contains("read:mail"))
        let spec = form.spec
        let endpoints = try OAuthEndpoints(try #require(spec.oauthFlow(for: nil)), credentials: credentials, options: spec.formOptions(for: nil))
        #expect(endpoints.scopes == "read:mail")
        #expect(endpoints.tokenURL.absoluteString == "https://id.example/tenant-a/token")
        #expect(endpoints.authorizationURL?.absoluteString == "https://id.example/authorize")
    }

    @Test func anEditedEndpointIsStillHTTPSOnly() throws {
        var form = try Self.filledCodeFlowForm()
        form.set("token_url", "http://tokens.example/token")
        form.set("authorization_url", "not a url")
        #expect(throws: InvalidForm.self) { try form.validate() }
        #expect(form.errors == [FieldError(option: "authorization_url", problem: .notURL),
                                FieldError(option: "token_url", problem: .insecureURL(host: "tokens.example"))])
        #expect(form.check("token_url", "https://id.example/\u{7}token")?.problem == .controlCharacter)
        #expect(form.check("token_url", "http://127.0.0.1:8080/token") == nil)
        #expect(form.check("token_url", "https://login.example/{base_url}/token") == nil)
    }

    /// A value that starts with a placeholder takes its scheme and host from that option: the flow
    /// checks it once filled.
    @Test func anEndpointFilledOverPlainHTTPIsRefusedByTheFlow() throws {
        var form = try Self.filledCodeFlowForm()
        form.set("base_url", "http://tokens.example")
        form.set("token_url", "{base_url}/token-b")
        let credentials = try form.validate()
        let spec = form.spec
        #expect(throws: OAuthError.endpointInsecure("token_url", host: "tokens.example")) {
            try OAuthEndpoints(try #require(spec.oauthFlow(for: nil)), credentials: credentials, options: spec.formOptions(for: nil))
        }
    }

    @Test func aPlaceholderInAnEditedEndpointNeedsItsOption() throws {
        var form = try Self.filledCodeFlowForm()
        form.set("token_url", "https://{tenant}.id.example/token")
        #expect(throws: InvalidForm.self) { try form.validate() }
        #expect(form.errors == [FieldError(option: "tenant", problem: .missing)])
    }

    @Test func anEndpointTheSpecLeavesOutIsARequiredField() throws {
        let spec = ConnectorSpec(connector: "bare", origin: .declarations, options: [
            ConnectorOption(name: "client_id", required: true, envVar: "BARE_CLIENT_ID"),
            ConnectorOption(name: "client_secret", required: true, secret: true, envVar: "BARE_CLIENT_SECRET"),
        ], oauth: .object([("flow", .string("m2m"))]))
        var form = Form(spec: spec)
        let field = try #require(form.field("token_url"))
        #expect(field.required && field.defaultValue == nil)
        #expect(form.field("scopes")?.required == false)
        form.set("client_id", "id")
        form.set("client_secret", "secret")
        #expect(throws: InvalidForm.self) { try form.validate() }
        #expect(form.errors == [FieldError(option: "token_url", problem: .missing)])
        form.set("token_url", "https://login.example/token")
        #expect(try form.validate().oauthEndpoints.map(\.1) == ["https://login.example/token"])
    }

    @Test func headlessReadsTheFieldsFromTheirEnvVars() throws {
        let form = try HeadlessForm.fill(spec: try OAuthFixtures.codeFlowSpec(), environment: [
            "OAUTH_DEMO_BASE_URL": "https://id.example", "OAUTH_DEMO_CLIENT_ID": "id", "OAUTH_DEMO_CLIENT_SECRET": "s",
            "OAUTH_DEMO_SCOPES": "read:profile",
        ], authMethod: nil)
        var filled = form
        #expect(try filled.validate().oauthEndpoints.map { "\($0.0)=\($0.1)" } == ["scopes=read:profile"])
    }

    @Test func theEnvelopeKeepsEditedEndpointsBesideTheOptionsAndGivesThemBack() throws {
        var form = try Self.filledCodeFlowForm()
        form.set("scopes", "read:mail")
        let credentials = try form.validate()
        let envelope = CredentialEnvelope(credentials: credentials, spec: form.spec, probe: nil)
        let text = envelope.json.serialized()
        #expect(text.contains(#""oauth_endpoints":{"scopes":"read:mail"}"#))
        #expect(!envelope.optionsJSON.serialized().contains("read:mail"))
        let read = try CredentialEnvelope(decoding: Array(text.utf8), path: "oauth_demo.age")
        #expect(read == envelope)
        #expect(read.credentials == credentials)
        #expect(CredentialDisplay.text(read, reveal: false).hasSuffix("oauth endpoints (set in place of the spec's):\n  scopes: read:mail\n"))
        let broken = text.replacingOccurrences(of: #""scopes":"read:mail""#, with: #""scopes":7"#)
        #expect(throws: StoreError.self) { try CredentialEnvelope(decoding: Array(broken.utf8), path: "oauth_demo.age") }
    }
}

/// The endpoint fields of the seven real OAuth specs: present where the spec runs a flow, prefilled
/// with what it declares, absent where a connector option of the method's own stands in.
@Suite(SharedCorpus.connectorSpecs.required)
struct RealOAuthEndpointFieldsTests {
    @Test(arguments: RealOAuthSpecTests.expected)
    func theFieldsArePrefilledFromTheSpec(_ expected: RealOAuthSpecTests.Expected) throws {
        let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(expected.connector))
        var form = Form(spec: spec)
        if let method = expected.method { try form.chooseAuthMethod(method) }
        let configuration = try #require(spec.oauthConfiguration)
        let fields = spec.oauthEndpointFields(for: form.authMethod)
        #expect(fields.contains { $0.name == "authorization_url" } == (expected.flow == .u2m))
        if expected.hasTokenURL {
            #expect(form.field("token_url")?.defaultValue == configuration.tokenURL)
            #expect(form.field("token_url")?.required == false)
        } else {
            // odata: its own token_endpoint option is the field, and the connector reads it.
            #expect(form.field("token_url") == nil)
            #expect(form.field("token_endpoint") != nil)
        }
    }
}
