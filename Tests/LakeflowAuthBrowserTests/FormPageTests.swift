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
        let snapshot = await session.submit()
        guard case .saved = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
        let page = FormPage(snapshot: snapshot, csrfToken: "csrf").content.rendered
        #expect(page.contains(#"<h2 id="identity-notice">Keep this machine's identity</h2>"#))
        #expect(page.contains("<p>created \(home)/identity.txt, this machine&#39;s identity: every credential stored here"))
        #expect(page.contains("<li>back it up now, where only you can read it"))
    }

    /// `--dry-run` ends at valid values: the page says what became of them, not that the setup stopped.
    @Test func aDryRunsEndSaysWhereThePlanWasPrinted() async throws {
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let store = CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": NSTemporaryDirectory() + "/lakeflow-unused-\(UUID())"])
        let session = SetupSession(form: Form(spec: spec), store: store, check: nil, endsAtValidation: true)
        _ = try await session.chooseAuthMethod("api_key")
        _ = await session.take(["api_key": "acme-demo-key-0001", "workspace": "acme-prod"])
        let page = FormPage(snapshot: await session.submit(), csrfToken: "csrf").content.rendered
        #expect(page.contains("Dry run"))
        #expect(page.contains("Dry run: nothing was sent or saved; the requests the check would send are printed where lakeflow-auth runs."))
        #expect(!page.contains("The setup stopped"))
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

    @Test func aSecretsValueIsNeverOnThePageAndItsFieldSaysWhereWhatItKeepsCameFrom() async throws {
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": "/nonexistent"]), check: nil)
        _ = try await session.chooseAuthMethod("basic")
        _ = await session.take(["username": "someone", "password": "hunter2-secret", "workspace": "acme-prod"])
        let page = FormPage(snapshot: await session.snapshot, csrfToken: "csrf").content.rendered
        #expect(!page.contains("hunter2-secret"))
        #expect(page.contains(#"value="someone""#))
        #expect(page.contains("kept as entered, leave empty to keep"))
        #expect(!page.contains("kept from before"), "nothing was stored")
    }

    @Test func onlyAStoredSecretIsKeptFromBefore() async throws {
        let home = NSTemporaryDirectory() + "/lakeflow-kept-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let store = CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": home])
        let credentials = Credentials(connector: "acme", authMethod: "api_key", values: [
            ("workspace", .string("acme-prod")), ("api_key", .string("sk-stored-0001")),
        ])
        _ = try store.save(CredentialEnvelope(credentials: credentials, spec: spec, probe: nil), identity: store.keeper.load())
        let session = SetupSession(form: Form(spec: spec), store: store, check: nil)
        let stored = FormPage(snapshot: await session.prefill(environment: [:], authMethod: nil), csrfToken: "csrf").content.rendered
        #expect(stored.contains("kept from before, leave empty to keep"))
        #expect(!stored.contains("sk-stored-0001"))
        let retyped = FormPage(snapshot: await session.take(["api_key": "sk-typed-0002"]), csrfToken: "csrf").content.rendered
        #expect(retyped.contains("kept as entered, leave empty to keep") && !retyped.contains("kept from before"))
    }

    @Test func aMultiLineSecretIsAMaskedTextArea() async throws {
        let spec = ConnectorSpec(connector: "fhir", origin: .databricks, options: [
            ConnectorOption(name: "private_key_pem", required: true, secret: true, multiline: true,
                            description: "RSA private key in PEM format (multiline).", envVar: "FHIR_PRIVATE_KEY_PEM"),
        ])
        let page = try await Self.page(spec, method: nil)
        #expect(page.contains(#"<textarea id="private_key_pem" name="private_key_pem" class="masked""#))
    }

    /// The spec model decides what is multi-line (`spec inspect` says `"multiline": true`), and the page
    /// follows it: `<input>` would drop a pasted key's line breaks.
    @Test func everyOptionTheSpecModelCallsMultiLineIsATextArea() async throws {
        let path = NSTemporaryDirectory() + "/sa-key-\(UUID()).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            display_name: Keyed
            connection:
              parameters:
                - name: sa_key
                  type: string
                  required: true
                  description: The key in PEM.
                - name: project
                  type: string
                  required: true
                  description: The project.
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let spec = try SpecLoader.load(path: path, connector: "keyed")
        #expect(spec.options.first { $0.name == "sa_key" }?.multiline == true)
        let page = try await Self.page(spec, method: nil)
        #expect(page.contains(#"<textarea id="sa_key" name="sa_key""#))
        #expect(page.contains(#"<input type="text" id="project""#))
    }

    /// Enter in a one-line field presses the form's default button, the first submit button in tree
    /// order: the primary one, never the script-less method switch.
    @Test func theFirstSubmitButtonIsThePrimaryOne() async throws {
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let page = try await Self.page(spec, method: "api_key")
        let first = try #require(Self.matches(#"(<button type="submit"[^>]*>)"#, in: page).first)
        #expect(first == #"<button type="submit" name="action" value="submit" class="primary">"#)
        #expect(page.contains(#"value="switch" class="no-js">Use this method</button>"#))
    }

    /// With `--no-probe` nothing on the page says that a check happens.
    @Test func withoutACheckNothingSaysCheck() async throws {
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let store = CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": "/nonexistent"])
        let session = SetupSession(form: Form(spec: spec), store: store, check: nil)
        let page = FormPage(snapshot: try await session.chooseAuthMethod("api_key"), csrfToken: "csrf").content.rendered
        let unchecked = page.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression).lowercased()
        #expect(!unchecked.contains("check"), "\(unchecked)")
        #expect(!page.contains(#"id="checking""#))
        #expect(unchecked.contains("unverified (--no-probe)"))
        let checked = SetupSession(form: Form(spec: spec), store: store, check: { _ in .unverified(source: "Acme", authMethod: nil) })
        let checkedPage = FormPage(snapshot: try await checked.chooseAuthMethod("api_key"), csrfToken: "csrf").content.rendered
        #expect(checkedPage.contains("Check and save") && checkedPage.contains("check with Acme, then save encrypted on this machine"))
    }

    /// fhir records the method in `auth_type`: before a method is chosen it is not asked as free text.
    @Test(SharedCorpus.connectorSpecs.required)
    func anOptionThatRecordsTheMethodIsHiddenUntilAMethodFillsIt() async throws {
        let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec("fhir"), connector: "fhir")
        let before = try await Self.page(spec, method: nil)
        #expect(!before.contains(#"id="auth_type""#))
        #expect(before.contains(#"id="base_url""#))
        let after = try await Self.page(spec, method: "client_secret")
        #expect(!after.contains(#"id="auth_type""#), "the choice fills it")
    }

    @Test func thePassphraseStepIsALabelledFieldThatSaysAWrongAttemptOnce() async throws {
        let home = NSTemporaryDirectory() + "/lakeflow-<me>-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["LAKEFLOW_AUTH_HOME": home]
        _ = try IdentityKeeper(location: StoreLocation(environment: environment), passphrase: "right horse", workFactor: 10).load()
        let spec = try RunningForm.acmeSpec(baseURL: URL(string: "http://127.0.0.1:1")!)
        let session = SetupSession(form: Form(spec: spec), store: CredentialStore(environment: environment), check: nil)
        _ = try await session.chooseAuthMethod("api_key")
        _ = await session.take(["workspace": "acme-prod", "api_key": "sk-0001"])
        let first = FormPage(snapshot: await session.submit(), csrfToken: "csrf").content.rendered
        let escapedPath = StoreLocation(environment: environment).identityPath.replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        #expect(first.contains(#"<label for="passphrase">Passphrase for \#(escapedPath)</label>"#))
        #expect(first.contains(#"name="csrf_token" value="csrf""#))
        #expect(first.contains(#"aria-invalid="false""#))
        #expect(!first.contains(#"role="alert""#))
        #expect(!first.contains(#"id="workspace""#))
        #expect(first.contains(#"value="unlock" class="primary">Unlock</button>"#))
        let second = FormPage(snapshot: await session.unlock("wrong horse"), csrfToken: "csrf").content.rendered
        #expect(second.contains(#"<p class="error" id="passphrase-error" role="alert">That passphrase does not open the identity; try again (attempt 2 of 3)</p>"#))
        #expect(second.components(separatedBy: "try again").count == 2, "said once")
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

/// zoho_crm's shape (an `oauth` block without `flow`): the refresh token's field offers the sign-in,
/// is not required of the page, and the primary button says it signs in.
struct SignInFieldPageTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/oauth_signin/options.yaml").path

    @Test func theRefreshTokenFieldOffersTheSignIn() async throws {
        let spec = try SpecLoader.load(path: Self.fixture)
        let store = CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": NSTemporaryDirectory() + "/lakeflow-unused-\(UUID())"])
        let session = SetupSession(form: Form(spec: spec), store: store, check: nil)
        _ = await session.set("base_url", "https://accounts.example.com")
        let page = FormPage(snapshot: await session.snapshot, csrfToken: "csrf").content.rendered
        #expect(page.contains(#"<label for="refresh_token">refresh_token (or leave empty to sign in)</label>"#))
        #expect(page.contains("Leave it empty to sign in with accounts.example.com when you save; paste a refresh token"))
        #expect(page.contains(#"id="refresh_token" name="refresh_token" value="" placeholder="empty: sign in with accounts.example.com when you save""#))
        #expect(page.contains(#"aria-required="false""#))
        #expect(page.contains(">Sign in and save</button>"))
        #expect(!page.contains("Check and save"))
    }
}
