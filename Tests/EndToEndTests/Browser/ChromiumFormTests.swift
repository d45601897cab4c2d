import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// The browser form in a real browser: headless Chromium over WebDriver, against the built binary
/// and the Acme sandbox.
@Suite(.serialized) struct ChromiumFormTests {
    static func withBrowser(arguments: [String] = ["--browser", "--no-open"], sandbox configuration: AcmeSandboxConfiguration = .demo,
                            waitsForPages: Bool = true, _ body: (WebDriver, BrowserFormProcess) throws -> Void) async throws {
        guard let browser = try WebDriver.start(waitsForPages: waitsForPages) else {
            Issue.record("chromium and chromium-driver are not installed (.ci/run installs them)")
            return
        }
        defer { browser.quit() }
        let sandbox = AcmeSandboxServer(configuration: configuration)
        let url = try await sandbox.start()
        let form = try BrowserFormProcess(arguments: arguments, sandbox: url)
        defer { form.stop() }
        do {
            try body(browser, form)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    /// Opens the printed link, waits for the form, and switches it to `method`.
    static func openForm(_ browser: WebDriver, _ form: BrowserFormProcess, method: String) throws {
        try browser.open(form.link)
        try browser.wait(for: "the form") { try browser.pageSource.contains("csrf_token") }
        try browser.choose(method, in: "#auth_method")
        let field = method == "basic" ? "username" : "api_key"
        try browser.wait(for: "the \(method) fields") { try browser.pageSource.contains(#"id="\#(field)""#) }
    }

    @Test func switchFillSubmitAndFindTheCredentialsStored() async throws {
        try await Self.withBrowser { browser, form in
            try browser.open(form.link)
            try browser.wait(for: "the form") { try browser.pageSource.contains("csrf_token") }
            #expect(try !browser.currentURL.contains("token="))

            try browser.choose("basic", in: "#auth_method")
            try browser.wait(for: "the basic fields") { try browser.pageSource.contains(#"id="username""#) }
            try browser.choose("api_key", in: "#auth_method")
            try browser.wait(for: "the api_key field") { try browser.pageSource.contains(#"id="api_key""#) }

            try browser.type("demo-workspace", into: "#workspace")
            try browser.type("acme-demo-key-0001", into: "#api_key")
            #expect(try browser.property("type", of: "#api_key") == "password")
            try browser.click("button[data-reveals=api_key]")
            #expect(try browser.property("type", of: "#api_key") == "text")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the success page") { try browser.pageSource.contains("Connected as Demo Analyst") }
            #expect(try browser.pageSource.contains(form.home))
            #expect(try browser.pageSource.contains("Keep this machine's identity"), "the first save says what the identity is")

            #expect(form.exitStatus(within: .seconds(5)) == 0)
            let output = form.remainingOutput, errors = form.errorOutput
            #expect(output.contains("connected to Acme as Demo Analyst"))
            #expect(!output.contains("acme-demo-key-0001") && !errors.contains("acme-demo-key-0001"))
            #expect(!errors.contains(form.link.query ?? "token="))
            let stored = try #require(form.stored)
            #expect(stored.authMethod == "api_key")
            #expect(stored.options.first { $0.0 == "api_key" }?.1.plainText == "acme-demo-key-0001")
        }
    }

    /// Enter in a one-line field presses the page's primary button: the form is checked and saved.
    @Test func enterInAOneLineFieldChecksAndSaves() async throws {
        try await Self.withBrowser { browser, form in
            try Self.openForm(browser, form, method: "api_key")
            try browser.type("acme-demo-key-0001", into: "#api_key")
            try browser.type("demo-workspace", into: "#workspace")
            try browser.pressEnter(in: "#workspace")
            try browser.wait(for: "the success page") { try browser.pageSource.contains("Connected as Demo Analyst") }
            #expect(form.exitStatus(within: .seconds(5)) == 0)
            #expect(form.stored?.options.first { $0.0 == "api_key" }?.1.plainText == "acme-demo-key-0001")
        }
    }

    @Test func aValidationErrorIsShownAndFixed() async throws {
        try await Self.withBrowser { browser, form in
            try Self.openForm(browser, form, method: "api_key")
            try browser.type("Not A Workspace", into: "#workspace")
            try browser.type("acme-demo-key-0001", into: "#api_key")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the error") { try browser.pageSource.contains("workspace must match") }
            #expect(try browser.property("ariaInvalid", of: "#workspace") == "true")
            #expect(try browser.pageSource.contains("kept as entered, leave empty to keep"))
            #expect(try !browser.pageSource.contains("kept from before"), "nothing was stored")
            #expect(try !browser.pageSource.contains("acme-demo-key-0001"))

            try browser.type("demo-workspace", into: "#workspace")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the success page") { try browser.pageSource.contains("Connected as Demo Analyst") }
            #expect(form.exitStatus(within: .seconds(5)) == 0)
            #expect(form.stored?.options.first { $0.0 == "api_key" }?.1.plainText == "acme-demo-key-0001")
        }
    }

    @Test func aFailedCheckAndARetry() async throws {
        try await Self.withBrowser { browser, form in
            try Self.openForm(browser, form, method: "basic")
            try browser.type("demo-workspace", into: "#workspace")
            try browser.type("demo", into: "#username")
            try browser.type("wrong-password", into: "#password")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the failure") { try browser.pageSource.contains("the credentials were rejected by Acme") }
            #expect(try browser.pageSource.contains("Save unverified"))
            #expect(form.stored == nil)

            try browser.type("demo-password", into: "#password")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the success page") { try browser.pageSource.contains("Connected as Demo Analyst") }
            #expect(form.exitStatus(within: .seconds(5)) == 0)
            #expect(form.stored?.authMethod == "basic")
        }
    }

    /// A check that gets no answer is stopped from the page while its post still waits: the form comes
    /// back as it was, nothing is stored, and the same form then saves.
    @Test func stopCheckingBringsTheFormBack() async throws {
        let silent = AcmeSandboxConfiguration(workspaces: AcmeSandboxConfiguration.demo.workspaces + [.init(slug: "silent", fault: .hang)])
        try await Self.withBrowser(arguments: ["--browser", "--no-open", "--probe-timeout", "120"], sandbox: silent,
                                   waitsForPages: false) { browser, form in
            try Self.openForm(browser, form, method: "api_key")
            #expect(try !browser.isDisplayed("#stop-check"), "no button before a check")
            // chromedriver answers nothing about a tab while its post waits, so the test reaches the form's
            // page from a second tab that the page opened (same origin, so its script may touch the first).
            let formTab = try browser.windowHandle
            _ = try browser.execute(#"window.open("about:blank", "helper")"#)
            let helperTab = try #require(try browser.windowHandles.first { $0 != formTab })
            try browser.type("silent", into: "#workspace")
            try browser.type("acme-demo-key-0001", into: "#api_key")
            try browser.click("button[value=submit]")
            try browser.switchTo(window: helperTab)
            // A person stops a check they have watched for a while, not in the instant it was posted.
            Thread.sleep(forTimeInterval: 2)
            let stopButton = #"window.opener.document.getElementById("stop-check")"#
            try browser.wait(for: "the Stop checking button") { try browser.execute("return \(stopButton).offsetParent !== null") as? Bool == true }
            let stopping = ContinuousClock.now
            _ = try browser.execute("\(stopButton).click()")
            try browser.switchTo(window: formTab)
            try browser.wait(for: "the form back in editing") {
                let page = try browser.pageSource
                let stopShown = try browser.isDisplayed("#stop-check")
                return page.contains(#"value="silent""#) && page.contains("Check and save") && !stopShown
            }
            #expect(ContinuousClock.now - stopping < .seconds(20), "stopped long before the probe's 120 s")
            #expect(try browser.pageSource.contains("kept as entered, leave empty to keep"), "the key typed is kept, not shown")
            #expect(form.stored == nil)
            #expect(form.exitStatus(within: .milliseconds(100)) == nil, "still serving")

            try browser.type("demo-workspace", into: "#workspace")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the success page") { try browser.pageSource.contains("Connected as Demo Analyst") }
            #expect(form.exitStatus(within: .seconds(5)) == 0)
            #expect(form.stored?.options.first { $0.0 == "api_key" }?.1.plainText == "acme-demo-key-0001")
        }
    }

    @Test func withoutATerminalTheFormIsServed() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let form = try BrowserFormProcess(arguments: ["--no-open"], sandbox: url)
        #expect(form.link.absoluteString.hasPrefix("http://127.0.0.1:"))
        #expect(form.link.query?.hasPrefix("token=") == true)
        #expect(form.link.query?.count == "token=".count + 32)
        form.stop()
        await sandbox.stop()
    }

    /// The page renders at phone-ish width with an error shown; the picture goes where
    /// `LAKEFLOW_AUTH_SCREENSHOT` says (the README's `docs/browser-form.png`), else to a temporary file.
    @Test func screenshot() async throws {
        let path = ProcessInfo.processInfo.environment["LAKEFLOW_AUTH_SCREENSHOT"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("browser-form-\(UUID().uuidString).png").path
        try await Self.withBrowser { browser, form in
            try browser.setWindow(width: 760, height: 1400)
            try Self.openForm(browser, form, method: "api_key")
            try browser.type("Demo Workspace", into: "#workspace")
            try browser.type("acme-demo-key-0001", into: "#api_key")
            try browser.click("button[value=submit]")
            try browser.wait(for: "the error") { try browser.pageSource.contains("workspace must match") }
            let picture = try browser.screenshot()
            #expect(picture.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(picture.count > 10_000)
            try picture.write(to: URL(fileURLWithPath: path))
        }
    }
}
