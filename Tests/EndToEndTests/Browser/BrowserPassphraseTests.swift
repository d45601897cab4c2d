import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// A passphrase-protected identity and no `LAKEFLOW_AUTH_PASSPHRASE`: the browser form asks for the
/// passphrase on its page, in headless Chromium, and says so at the field when it is wrong.
@Suite(.serialized) struct BrowserPassphraseTests {
    static let passphrase = "correct horse 77"

    /// The form of `lakeflow-auth acme --browser` over a store whose identity is protected by `passphrase`;
    /// with `saving`, acme's credentials are stored first.
    static func withProtectedForm(storingFirst saving: Bool,
                                  _ body: (WebDriver, BrowserFormProcess) throws -> Void) async throws {
        guard let browser = try WebDriver.start() else {
            Issue.record("chromium and chromium-driver are not installed (.ci/run installs them)")
            return
        }
        defer { browser.quit() }
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        do {
            let form = try BrowserFormProcess(connector: "acme", arguments: ["--browser", "--no-open"],
                                              environment: ["ACME_BASE_URL": url.absoluteString]) { storeHome in
                // A light work factor keeps each attempt quick for the binary under test.
                let keeper = IdentityKeeper(location: StoreLocation(home: storeHome), passphrase: passphrase, workFactor: 10)
                let store = CredentialStore(keeper: keeper)
                if saving {
                    let spec = try SpecLoader.load(path: LakeflowAuthProcess.packageRoot.appendingPathComponent("specs/acme/options.yaml").path,
                                                   connector: "acme")
                    let credentials = Credentials(connector: "acme", authMethod: "api_key", values: [
                        ("base_url", .string(url.absoluteString)), ("workspace", .string("demo-workspace")),
                        ("api_key", .string("acme-demo-key-0001")),
                    ])
                    _ = try store.save(CredentialEnvelope(credentials: credentials, spec: spec, probe: nil), identity: try store.keeper.load())
                } else {
                    _ = try store.keeper.load()
                }
            }
            defer { form.stop() }
            try body(browser, form)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    static func unlock(_ browser: WebDriver, with passphrase: String) throws {
        try browser.type(passphrase, into: "#passphrase")
        try browser.click("button[value=unlock]")
    }

    @Test func theFormIsFilledThenThePassphraseAskedWrongThenRight() async throws {
        try await Self.withProtectedForm(storingFirst: false) { browser, form in
            try ChromiumFormTests.openForm(browser, form, method: "api_key")
            try browser.type("demo-workspace", into: "#workspace")
            try browser.type("acme-demo-key-0001", into: "#api_key")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the passphrase field") { try browser.pageSource.contains(#"id="passphrase""#) }
            #expect(try browser.property("type", of: "#passphrase") == "password")
            #expect(try browser.pageSource.contains("Passphrase for \(form.home)/store/identity.txt"))

            try Self.unlock(browser, with: "not the passphrase")
            try browser.wait(for: "the wrong passphrase said") { try browser.pageSource.contains("attempt 2 of 3") }
            #expect(try browser.property("ariaInvalid", of: "#passphrase") == "true")
            #expect(try browser.property("value", of: "#passphrase") == "", "never echoed back")
            #expect(try !browser.currentURL.contains("passphrase"))

            try Self.unlock(browser, with: Self.passphrase)
            try browser.wait(for: "the success page") { try browser.pageSource.contains("Connected as Demo Analyst") }
            #expect(form.exitStatus(within: .seconds(5)) == 0)
            let output = form.remainingOutput, errors = form.errorOutput
            #expect(!output.contains(Self.passphrase) && !errors.contains(Self.passphrase))
            #expect(!errors.contains("not the passphrase"))
            #expect(form.stored == nil, "the file does not open without the passphrase")
            let stored = try #require(form.stored(passphrase: Self.passphrase))
            #expect(stored.options.first { $0.0 == "api_key" }?.1.plainText == "acme-demo-key-0001")
        }
    }

    /// Stored credentials start the form, so the passphrase is asked first, and the form then shows them.
    @Test func storedCredentialsAreOpenedOnThePageBeforeTheForm() async throws {
        try await Self.withProtectedForm(storingFirst: true) { browser, form in
            #expect(form.link.absoluteString.hasPrefix("http://127.0.0.1:"), "the link is printed, not an exit 5")
            try browser.open(form.link)
            try browser.wait(for: "the passphrase field") { try browser.pageSource.contains(#"id="passphrase""#) }
            #expect(try !browser.pageSource.contains(#"id="workspace""#))
            try Self.unlock(browser, with: Self.passphrase)
            try browser.wait(for: "the stored values") { try browser.pageSource.contains(#"value="demo-workspace""#) }
            #expect(try browser.pageSource.contains("kept from before, leave empty to keep"))
            try browser.click("button[value=submit]")
            try browser.wait(for: "the success page") { try browser.pageSource.contains("Connected as Demo Analyst") }
            #expect(form.exitStatus(within: .seconds(5)) == 0)
            #expect(form.stored(passphrase: Self.passphrase)?.options.first { $0.0 == "api_key" }?.1.plainText == "acme-demo-key-0001")
        }
    }
}
