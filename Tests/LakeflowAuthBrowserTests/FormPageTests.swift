import Foundation
@testable import LakeflowAuthBrowser
import LakeflowAuthCore
import SharedCorpus
import Testing

/// The page drawn for every real spec and every auth method: complete, labelled, and never holding a
/// secret's value.
struct FormPageTests {
    static func page(_ spec: ConnectorSpec, method: String?) async throws -> String {
        let store = CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": NSTemporaryDirectory() + "/lakeflow-unused-\(UUID())"])
        let session = SetupSession(form: Form(spec: spec), store: store, check: nil)
        if let method { _ = try await session.chooseAuthMethod(method) }
        let content = FormPage(snapshot: await session.snapshot, csrfToken: "csrf").content
        return FormPage.document(title: spec.title, content: content, nonce: "nonce").rendered
    }

    @Test(SharedCorpus.connectorSpecs.required)
    func everyRealSpecRendersWithALabelForEveryInput() async throws {
        let connectors = SharedCorpus.connectorSpecs.specNames
        #expect(connectors.count == 29)
        for connector in connectors {
            let file = connector + ".yaml"
            let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(connector), connector: connector)
            for method in spec.authMethods.isEmpty ? [nil] : spec.authMethods.map(\.name) as [String?] {
                let page = try await Self.page(spec, method: method)
                #expect(!page.contains("{{"), "\(file) \(method ?? "")")
                let ids = Self.matches(#"<(?:input|select|textarea) (?:type="(?:text|password|checkbox)" )?id="([^"]+)""#, in: page)
                let labels = Set(Self.matches(#"<label for="([^"]+)""#, in: page))
                #expect(!ids.isEmpty, "\(file)")
                #expect(Set(ids).isSubset(of: labels), "\(file) \(method ?? ""): unlabelled \(Set(ids).subtracting(labels))")
                #expect(ids.count == Set(ids).count, "\(file): two inputs share an id")
            }
        }
    }

    @Test func theFirstSavesPageSaysWhatTheIdentityIs() async throws {
        let home = NSTemporaryDirectory() + "/lakeflow-first-save-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": home]), check: nil)
        _ = try await session.chooseAuthMethod("api_key")
        _ = await session.take(["api_key": "acme-demo-key-0001", "workspace": "acme-prod"])
        let snapshot = try await session.submit()
        guard case .saved = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
        let page = FormPage(snapshot: snapshot, csrfToken: "csrf").content.rendered
        #expect(page.contains(#"<h2 id="identity-notice">Keep this machine's identity</h2>"#))
        #expect(page.contains("<p>created \(home)/identity.txt, this machine&#39;s identity: every credential stored here"))
        #expect(page.contains("<li>back it up now, where only you can read it"))
    }

    /// Where a credential is created, from the built-in check layer: a link under its field, escaped,
    /// opened apart from the form and told nothing of it.
    @Test func theLayersLinkIsUnderItsFieldEscaped() async throws {
        var spec = try ResolvedSpec.builtIn("github").load()
        let page = try await Self.page(spec, method: nil)
        #expect(page.contains(#"Get it at <a href="https://github.com/settings/personal-access-tokens" target="_blank" rel="noopener noreferrer">"#))
        spec.options[0].link = #"https://example.com/"><script>x</script>"#
        let hostile = try await Self.page(spec, method: nil)
        #expect(!hostile.contains("<script>x"))
        #expect(hostile.contains(#"href="https://example.com/&quot;&gt;&lt;script&gt;x&lt;/script&gt;""#))
    }

    @Test func aSecretsValueIsNeverOnThePage() async throws {
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": "/nonexistent"]), check: nil)
        _ = try await session.chooseAuthMethod("basic")
        _ = await session.take(["username": "someone", "password": "hunter2-secret", "workspace": "acme-prod"])
        let page = FormPage(snapshot: await session.snapshot, csrfToken: "csrf").content.rendered
        #expect(!page.contains("hunter2-secret"))
        #expect(page.contains(#"value="someone""#))
        #expect(page.contains("saved, leave empty to keep"))
    }

    @Test func aMultiLineSecretIsAMaskedTextArea() async throws {
        let spec = ConnectorSpec(connector: "fhir", origin: .databricks, options: [
            ConnectorOption(name: "private_key_pem", required: true, secret: true, description: "RSA private key in PEM format (multiline).",
                            envVar: "FHIR_PRIVATE_KEY_PEM"),
        ])
        let page = try await Self.page(spec, method: nil)
        #expect(page.contains(#"<textarea id="private_key_pem" name="private_key_pem" class="masked""#))
    }

    @Test func thePassphraseStepIsALabelledFieldThatSaysAWrongAttempt() async throws {
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": "/nonexistent"]), check: nil)
        let first = FormPage(snapshot: await session.snapshot, csrfToken: "csrf",
                             passphrase: .init(identityPath: "/home/<me>/identity.txt", attempt: 1)).content.rendered
        #expect(first.contains(#"<label for="passphrase">Passphrase for /home/&lt;me&gt;/identity.txt</label>"#))
        #expect(first.contains(#"name="csrf_token" value="csrf""#))
        #expect(first.contains(#"aria-invalid="false""#))
        #expect(!first.contains(#"role="alert""#))
        #expect(!first.contains(#"id="workspace""#))
        let second = FormPage(snapshot: await session.snapshot, csrfToken: "csrf",
                              passphrase: .init(identityPath: "/home/me/identity.txt", attempt: 2)).content.rendered
        #expect(second.contains(#"role="alert""#))
        #expect(second.contains(#"<p class="error" id="passphrase-error">That passphrase does not open the identity; try again (attempt 2 of 3)</p>"#))
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
