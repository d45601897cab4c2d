import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// The browser form on a code-flow connector, in headless Chromium: the page shows an Authorize link,
/// the provider sends the browser to the loopback callback, which sends it back to the form, where the
/// result shows.
@Suite(.serialized) struct BrowserFormOAuthTests {
    static func withForm(_ behaviour: FakeOAuthProvider.Behaviour = .init(),
                         _ body: (WebDriver, BrowserFormProcess, FakeOAuthProvider) throws -> Void) async throws {
        guard let browser = try WebDriver.start() else {
            Issue.record("chromium and chromium-driver are not installed (.ci/run installs them)")
            return
        }
        defer { browser.quit() }
        let provider = FakeOAuthProvider(behaviour)
        let url = try await provider.start()
        do {
            let form = try BrowserFormProcess(connector: "oauth_demo",
                                              arguments: ["--browser", "--no-open", "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                              environment: ["OAUTH_DEMO_BASE_URL": url.absoluteString])
            defer { form.stop() }
            try body(browser, form, provider)
        } catch {
            await provider.stop()
            throw error
        }
        await provider.stop()
    }

    /// Fills the app's credentials, submits, and waits for the Authorize step.
    static func reachAuthorize(_ browser: WebDriver, _ form: BrowserFormProcess) throws {
        try browser.open(form.link)
        try browser.wait(for: "the form") { try browser.pageSource.contains(#"id="client_id""#) }
        try browser.type(HeadlessOAuthTests.client.clientID, into: "#client_id")
        try browser.type(HeadlessOAuthTests.client.clientSecret, into: "#client_secret")
        try browser.click("button[value=submit]")
        try browser.wait(for: "the Authorize step") { try browser.pageSource.contains("Authorize with 127.0.0.1") }
        #expect(try !browser.pageSource.contains(HeadlessOAuthTests.client.clientSecret), "the client secret never reaches the page")
        let link = try #require(try browser.property("href", of: "#authorize"))
        #expect(link.contains("/authorize?") && link.contains("code_challenge=") && link.contains("state="))
        #expect(try browser.isDisplayed("#authorize"))
    }

    @Test func authorizeOnThePageAndTheGrantIsStored() async throws {
        try await Self.withForm { browser, form, provider in
            try Self.reachAuthorize(browser, form)
            try browser.click("#authorize")
            try browser.wait(for: "the form's success page") { try browser.pageSource.contains("Connected as alice") }
            #expect(try browser.currentURL.hasPrefix(form.link.absoluteString.components(separatedBy: "/?").first ?? "-"),
                    "back on the form's own address")
            #expect(try !browser.currentURL.contains("code="))
            #expect(form.exitStatus(within: .seconds(10)) == 0)
            let output = form.remainingOutput, errors = form.errorOutput
            #expect(output.contains("connected to OAuth Demo as alice"))
            #expect(!output.contains("/authorize?"), "the link is on the page, not on stdout")
            #expect(!output.contains(HeadlessOAuthTests.client.clientSecret) && !errors.contains(HeadlessOAuthTests.client.clientSecret))
            let stored = try #require(form.stored)
            let refresh = try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)
            #expect(provider.isLive(refreshToken: refresh))
            #expect(!output.contains(refresh) && !errors.contains(refresh))
        }
    }

    @Test func aDenialAtTheProviderIsShownOnTheForm() async throws {
        var denying = FakeOAuthProvider.Behaviour()
        denying.deniesAuthorization = true
        try await Self.withForm(denying) { browser, form, _ in
            try Self.reachAuthorize(browser, form)
            try browser.click("#authorize")
            try browser.wait(for: "the provider's answer on the form") { try browser.pageSource.contains("authorization was denied at 127.0.0.1") }
            #expect(try browser.pageSource.contains("The check did not pass"))
            #expect(try browser.pageSource.contains("The user said no"))
            #expect(try browser.pageSource.contains(#"value="\#(HeadlessOAuthTests.client.clientID)""#), "the form keeps its values")
            #expect(try !browser.pageSource.contains("Save unverified"), "nothing was granted to keep")
            #expect(form.stored == nil)
            #expect(form.exitStatus(within: .milliseconds(100)) == nil, "the form still waits for the person")

            try browser.click("button[value=cancel]")
            try browser.wait(for: "the cancelled page") { try browser.pageSource.contains("Cancelled") }
            // Quit after a check that did not pass ends with the check's status, as in every form.
            #expect(form.exitStatus(within: .seconds(10)) == 3)
            #expect(form.errorOutput.contains("lakeflow-auth: error: nothing was saved: authorization was denied at 127.0.0.1"))
        }
    }
}
