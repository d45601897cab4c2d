import LakeflowAuthCore
import Testing

/// Real specs leave `secret` and multi-line unsaid; the option's own words fill them in.
struct OptionInferenceTests {
    @Test(arguments: ["password", "client_secret", "api_key", "apiKey", "access_token", "refresh_token", "private_key_pem",
                      "secret_key", "api_secret", "pat", "personal_access_token", "passphrase", "bearer_token"])
    func namesThatSaySecret(name: String) {
        #expect(OptionInference.looksSecret(name))
    }

    @Test(arguments: ["token_url", "token_endpoint", "api_key_header", "private_key_algorithm", "federated_token_file",
                      "client_id", "username", "base_url", "kid", "secret_name", "auth_type"])
    func namesThatDoNot(name: String) {
        #expect(!OptionInference.looksSecret(name))
    }

    @Test func unmarkedSecretNamesAreSecretAndSaySoButAWrittenFalseHolds() throws {
        let spec = try SpecLoader.load(text: """
            connection:
              parameters:
                - name: private_key_pem
                  description: RSA private key in PEM format (multiline).
                - name: api_token
                  secret: false
                - name: password
                  secret: true
                - name: token_url

            """, path: "tiny.yaml")
        let byName = Dictionary(uniqueKeysWithValues: spec.options.map { ($0.name, $0) })
        #expect(byName["private_key_pem"]?.secret == true && byName["private_key_pem"]?.secretInferred == true)
        #expect(byName["private_key_pem"]?.multiline == true)
        #expect(byName["api_token"]?.secret == false)
        #expect(byName["password"]?.secret == true && byName["password"]?.secretInferred == false)
        #expect(byName["token_url"]?.secret == false && byName["token_url"]?.multiline == false)

        let inspected = SpecInspection.json(spec)
        guard case let .array(parameters)? = inspected["parameters"] else { Issue.record("no parameters"); return }
        #expect(parameters[0]["secret_inferred"] == .bool(true) && parameters[0]["multiline"] == .bool(true))
        #expect(parameters[2]["secret_inferred"] == .bool(false))
    }

    @Test func renderingKeepsAWrittenFalseSoReadingBackAgrees() throws {
        let declarations = try SpecLoader.load(text: """
            options:
              - name: api_token
                secret: false
              - name: password

            """, path: "tiny/options.yaml")
        let rendered = SpecRenderer.render(declarations)
        #expect(rendered.contains("secret: false") && rendered.contains("secret: true"))
        let back = try SpecLoader.load(text: rendered, path: "tiny/connector_spec.yaml")
        #expect(back.options.map(\.secret) == [false, true])
    }

    @Test(arguments: [("base_url", true), ("token_endpoint", true), ("instance_url", true), ("service_uri", true),
                      ("url_prefix", false), ("workspace", false)])
    func urlNames(name: String, isURL: Bool) {
        #expect(OptionInference.looksLikeURL(name) == isURL)
    }

    @Test func aStringOptionNamedAsAURLMustBeOne() throws {
        var form = Form(spec: try SpecLoader.load(text: """
            connection:
              parameters:
                - name: base_url
                  required: true
                - name: token_url

            """, path: "tiny.yaml"))
        #expect(form.check("base_url", "not a url")?.problem == .notURL)
        #expect(form.check("base_url", "https://ehr.example.com/fhir/r4") == nil)
        #expect(form.check("token_url", nil) == nil, "empty and optional is fine")
        form.set("base_url", "http://localhost:8080/fhir")
        #expect(throws: Never.self) { try form.validate() }
    }
}

struct MultilineInferenceTests {
    @Test(arguments: ["The private key (PEM).", "Private key in PEM format", "pem-encoded key", "A multi-line certificate chain"])
    func descriptionsThatSayPEMOrMultiLine(_ description: String) {
        #expect(OptionInference.looksMultiline(name: "key", description: description))
    }

    @Test(arguments: ["Pemmican recipe", "An API key", "Temperature"])
    func descriptionsThatDoNot(_ description: String) {
        #expect(!OptionInference.looksMultiline(name: "key", description: description))
    }
}
