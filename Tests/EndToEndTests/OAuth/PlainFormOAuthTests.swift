import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// The line-by-line form on a code-flow connector: it shows the authorization link on the terminal,
/// waits for the callback, and stores the refresh token the provider granted.
@Suite(.timeLimit(.minutes(2)))
struct PlainFormOAuthTests {
    /// Every question of the fixture's form, each answered with Enter (the prefilled value).
    static let prompts = ["base_url [", "client_id [", "client_secret [", "refresh_token [sign in with 127.0.0.1]: ",
                          "authorization_url [{base_url}/authorize]", "token_url [{base_url}/token]", "scopes [read:mail read:profile]"]

    /// No `$BROWSER` and no display: the link is shown and nothing is opened (`xdg-open` is on `PATH`).
    @Test func theLinkIsShownAndTheGrantIsStored() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let run = try await Self.answered(url, environment: browser.pathWithXDGOpen)
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("Open this link in a browser to authorize OAuth Demo:")
        try await terminal.expect("Waiting for the authorization")
        let link = try #require(Self.shownLink(terminal.output))
        #expect(link.hasPrefix(url.absoluteString + "/authorize?"))
        #expect(await FakeOAuthProvider.browse(try #require(URL(string: link)))?.status == 200)
        try await terminal.expect("Connected to OAuth Demo as alice")
        #expect(try await terminal.waitForExit() == 0)
        #expect(!browser.wasOpened)
        let stored = try run.store.open("oauth_demo")
        let refresh = try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)
        #expect(provider.isLive(refreshToken: refresh))
        #expect(!terminal.output.contains(refresh) && !terminal.output.contains(HeadlessOAuthTests.client.clientSecret))
    }

    /// With `$BROWSER` set, the link is opened there through a private file that redirects to it; the
    /// test follows that redirect, so the flow completes only if the opener ran. The file goes at the end.
    @Test func theLinkIsOpenedInTheBrowserAndTheFlowCompletesFromThere() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let run = try await Self.answered(url, environment: browser.environment)
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("Opened in your browser to authorize OAuth Demo; if no browser came up, open this link:")
        let opened = try #require(try await browser.openedLink())
        #expect(opened.absoluteString == Self.shownLink(terminal.output))
        #expect(opened.absoluteString.hasPrefix(url.absoluteString + "/authorize?"))
        #expect(await FakeOAuthProvider.browse(opened)?.status == 200)
        try await terminal.expect("Connected to OAuth Demo as alice")
        #expect(try await terminal.waitForExit() == 0)
        let file = try #require(browser.openedFile)
        #expect(!file.contains("state=") && !FileManager.default.fileExists(atPath: file))
    }

    /// `--no-open` holds for the OAuth step too: the link is only shown, though a browser is there. The
    /// scope typed over the spec's is the one asked for, and is stored beside the options.
    @Test func noOpenShowsTheLinkWithoutOpeningItAndAnEditedScopeIsAskedFor() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let run = try await Self.answered(url, ["--no-open"], environment: browser.environment) { prompt in
            prompt.hasPrefix("scopes") ? "read:profile" : prompt.hasPrefix("token_url") ? "{base_url}/tenant-b/token" : ""
        }
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("Open this link in a browser to authorize OAuth Demo:")
        let link = try #require(Self.shownLink(terminal.output).flatMap(URL.init(string:)))
        #expect(await FakeOAuthProvider.browse(link)?.status == 200)
        try await terminal.expect("Connected to OAuth Demo as alice")
        #expect(try await terminal.waitForExit() == 0)
        #expect(!browser.wasOpened)
        #expect(provider.authorizationQueries.last?["scope"] == "read:profile")
        let stored = try run.store.open("oauth_demo")
        #expect(stored.oauthEndpoints.map { "\($0.0)=\($0.1)" } == ["token_url={base_url}/tenant-b/token", "scopes=read:profile"])
        #expect(!stored.optionsJSON.serialized().contains("read:profile") && !stored.optionsJSON.serialized().contains("tenant-b"))
        #expect(provider.tokenRequests.last?.path == "/tenant-b/token")
        // `probe` refreshes where the setup was granted, not at the spec's token endpoint.
        let probe = try LakeflowAuthProcess.run(["probe", "oauth_demo", "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                                environment: ["LAKEFLOW_AUTH_HOME": run.home])
        #expect(probe.status == 0, "\(probe.stderr)")
        #expect(provider.tokenRequests.last.map { "\($0.grant) \($0.path)" } == "refresh_token /tenant-b/token")
    }

    /// A browser on another machine cannot reach the callback: the address it ended on, pasted at the
    /// terminal, answers the step; a line without the provider's answer is refused and the wait goes on.
    @Test func theAddressTheBrowserEndedOnIsPastedAndTheGrantIsStored() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let run = try await Self.answered(url, environment: browser.pathWithXDGOpen)
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("Paste the address it ended on here.")
        let link = try #require(Self.shownLink(terminal.output).flatMap(URL.init(string:)))
        let callback = try #require(try await OAuthFormRun.callbackAddress(of: link))
        terminal.sendLine("http://127.0.0.1/oauth/callback")
        try await terminal.expect("carries no code, state or error")
        terminal.sendLine(callback)
        try await terminal.expect("Connected to OAuth Demo as alice")
        #expect(try await terminal.waitForExit() == 0)
        let stored = try run.store.open("oauth_demo")
        let refresh = try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)
        #expect(provider.isLive(refreshToken: refresh))
    }

    /// The fixture's form in `--plain` against the provider at `url`, every question answered.
    static func answered(_ url: URL, _ flags: [String] = [], environment: [String: String],
                         answer: (String) -> String = { _ in "" }) async throws -> WizardRun {
        let run = try WizardRun(["oauth_demo", "--plain"] + flags + ["--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                environment: HeadlessOAuthTests.codeFlowEnvironment(url).merging(environment) { $1 })
        do {
            for prompt in prompts {
                try await run.terminal.expect(prompt)
                run.terminal.sendLine(answer(prompt))
            }
        } catch {
            run.removeHome()
            throw error
        }
        return run
    }

    /// The line after the one that introduces the link.
    static func shownLink(_ output: String, title: String = "OAuth Demo") -> String? {
        let lines = output.split(whereSeparator: \.isNewline).map(String.init)
        guard let lead = lines.lastIndex(where: { $0.contains("authorize \(title)") }), lead + 1 < lines.count else { return nil }
        return lines[lead + 1].trimmingCharacters(in: .whitespaces)
    }
}

/// The full-screen form on a code-flow connector: the link in a box while it waits, then the grant stored.
@Suite(.timeLimit(.minutes(2)))
struct FullScreenOAuthTests {
    @Test func theLinkIsShownWholeInABoxAndTheGrantIsStored() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let tmux = try Self.form(url)
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("C-s")
        let link = try Self.boxedLink(try await tmux.waitFor("Esc cancels."))
        #expect(link.hasPrefix(url.absoluteString + "/authorize?"), "\(link)")
        #expect(await FakeOAuthProvider.browse(try #require(URL(string: link)))?.status == 200)
        let saved = try await tmux.waitFor("Press any key to finish.")
        #expect(saved.contains("Connected to OAuth Demo as alice"))
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        let stored = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": tmux.home]).open("oauth_demo")
        let refresh = try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)
        #expect(provider.isLive(refreshToken: refresh))
    }

    /// With `$BROWSER` set, the box says the link was opened and counts the wait; the test follows the
    /// link the browser was given, so the flow completes only if the opener ran.
    @Test func theLinkIsOpenedInTheBrowserWhileTheBoxCountsTheWait() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let tmux = try Self.form(url, environment: browser.environment)
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("C-s")
        try await tmux.waitFor("Opened in your browser to authorize OAuth Demo")
        // The spinner's line shows the time waited so far, and it grows.
        let first = try await tmux.waitUntil("the time waited") { Self.waited($0) != nil }
        let later = try await tmux.waitUntil("more time waited") { (Self.waited($0) ?? 0) > (Self.waited(first) ?? 0) }
        #expect(later.contains("Esc cancels."))
        let opened = try #require(try await browser.openedLink())
        #expect(opened.absoluteString.hasPrefix(url.absoluteString + "/authorize?"))
        #expect(await FakeOAuthProvider.browse(opened)?.status == 200)
        let saved = try await tmux.waitFor("Press any key to finish.")
        #expect(saved.contains("Connected to OAuth Demo as alice"))
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: try #require(browser.openedFile)))
    }

    /// Esc in the Authorize box stops the wait and goes back to the form, nothing saved; with no
    /// browser and no display, nothing was opened.
    @Test func escapeCancelsTheWaitBackToEditing() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let tmux = try Self.form(url, environment: browser.pathWithXDGOpen)
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("C-s")
        let box = try await tmux.waitFor("Esc cancels.")
        #expect(box.contains("Open this link in a browser"))
        try tmux.press("Escape")
        let back = try await tmux.waitFor("check cancelled; nothing was saved")
        #expect(!back.contains("Esc cancels.") && back.contains("Ctrl-S save"))
        #expect(tmux.storedFiles.isEmpty)
        #expect(!browser.wasOpened)
    }

    /// A paste in the Authorize box is the address the browser ended on: one without the provider's
    /// answer is refused in the box, the right one completes the flow.
    @Test func theAddressTheBrowserEndedOnIsPastedInTheBox() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let tmux = try Self.form(url, environment: browser.pathWithXDGOpen)
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("C-s")
        let link = try Self.boxedLink(try await tmux.waitFor("Paste the address it ended on here."))
        let authorization = try #require(URL(string: link))
        let callback = try #require(try await OAuthFormRun.callbackAddress(of: authorization))
        try tmux.paste("http://127.0.0.1/oauth/callback")
        try await tmux.waitFor("The pasted text is not the address")
        try tmux.paste(callback)
        let saved = try await tmux.waitFor("Press any key to finish.")
        #expect(saved.contains("Connected to OAuth Demo as alice"))
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        let stored = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": tmux.home]).open("oauth_demo")
        let refresh = try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)
        #expect(provider.isLive(refreshToken: refresh))
    }

    /// The fixture's full-screen form against the provider at `url`.
    static func form(_ url: URL, environment: [String: String] = [:]) throws -> TmuxSession {
        try TmuxSession(["oauth_demo", "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                        environment: HeadlessOAuthTests.codeFlowEnvironment(url).merging(environment) { $1 })
    }

    /// The link in the Authorize box: its rows sit between the box's first line and the spinner's,
    /// framed by │.
    static func boxedLink(_ screen: String) throws -> String {
        let rows = screen.components(separatedBy: "\n")
        let start = try #require(rows.firstIndex { $0.contains("/authorize?") })
        let end = try #require(rows.firstIndex { $0.contains("Waiting for the authorization") })
        return rows[start..<end].map { $0.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces) }.joined()
    }

    /// The seconds on the Authorize box's spinner line (`Waiting for the authorization… 2.4 s`).
    static func waited(_ screen: String) -> Double? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("Waiting for the authorization…") }),
              let text = line.components(separatedBy: "authorization… ").last?.split(separator: " ").first else { return nil }
        return Double(text)
    }

    /// The scopes, prefilled from the spec, are edited before authorizing: the provider is asked for the
    /// edited scope, and `probe` later refreshes with what was stored.
    @Test func theScopesAreEditedBeforeAuthorizing() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let tmux = try Self.form(url, environment: browser.environment)
        let form = try await tmux.waitFor("Ctrl-S save")
        #expect(form.contains("read:mail read:profile"), "prefilled from the spec")
        for _ in 0..<12 where !(try tmux.screen()).contains("▸ scopes") {
            try tmux.press("Tab")
            try await Task.sleep(for: .milliseconds(150))
        }
        try await tmux.waitFor("▸ scopes")
        try tmux.press("C-u")
        try tmux.type("read:profile")
        try tmux.press("C-s")
        let opened = try #require(try await browser.openedLink())
        #expect(await FakeOAuthProvider.browse(opened)?.status == 200)
        try await tmux.waitFor("Press any key to finish.")
        #expect(provider.authorizationQueries.last?["scope"] == "read:profile")
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        let stored = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": tmux.home]).open("oauth_demo")
        #expect(stored.oauthEndpoints.map { "\($0.0)=\($0.1)" } == ["scopes=read:profile"])
        let probe = try LakeflowAuthProcess.run(["probe", "oauth_demo", "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                                environment: ["LAKEFLOW_AUTH_HOME": tmux.home])
        #expect(probe.status == 0, "\(probe.stderr)")
        #expect(provider.tokenRequests.last?.grant == "refresh_token")
    }
}

/// What the forms' OAuth tests start with.
enum OAuthFormRun {
    /// Where the provider sends the browser after consent (the callback, with the code and the state),
    /// without going there: what a person whose browser cannot reach this machine would copy.
    static func callbackAddress(of link: URL) async throws -> String? {
        guard case let .success(redirect) = await HTTPClient().send(.init(url: link), timeout: .seconds(10), responseLimit: 1 << 16)
        else { return nil }
        return redirect.header("Location")
    }

    /// A started provider and its address; the test stops it.
    static func provider() async throws -> (FakeOAuthProvider, URL) {
        let provider = FakeOAuthProvider(.init())
        return (provider, try await provider.start())
    }
}
