import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// zoho_crm's shape, an `oauth` block without `flow`, in the forms a person uses: the refresh token it
/// requires is offered as a sign-in with the provider, Enter (or Ctrl-S) runs it, and what it grants
/// is stored, as upstream's `authenticate.py` does.
@Suite(.timeLimit(.minutes(2)))
struct SignInFormTests {
    static let fixture = HeadlessOAuthProcess.fixture("oauth_signin")

    static func environment(_ url: URL) -> [String: String] {
        ["OAUTH_SIGNIN_BASE_URL": url.absoluteString, "OAUTH_SIGNIN_CLIENT_ID": HeadlessOAuthTests.client.clientID,
         "OAUTH_SIGNIN_CLIENT_SECRET": HeadlessOAuthTests.client.clientSecret]
    }

    @Test func theLineFormOffersTheSignInAndEnterRunsIt() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let browser = try RecordingBrowser()
        defer { browser.remove() }
        let run = try WizardRun(["oauth_signin", "--plain", "--spec", Self.fixture],
                                environment: Self.environment(url).merging(browser.pathWithXDGOpen) { $1 })
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("OAuth Sign-in: 3 required and 4 optional options.")
        for prompt in ["base_url [", "client_id [", "client_secret ["] {
            try await terminal.expect(prompt)
            terminal.sendLine("")
        }
        try await terminal.expect("refresh_token [sign in with 127.0.0.1]: ")
        #expect(terminal.output.contains("refresh_token (or Enter to sign in, secret, not shown as you type)"))
        #expect(terminal.output.contains("Leave it empty to sign in with 127.0.0.1 when you save"))
        terminal.sendLine("")
        for prompt in ["authorization_url [", "token_url [", "scopes ["] {
            try await terminal.expect(prompt)
            terminal.sendLine("")
        }
        try await terminal.expect("Open this link in a browser to authorize OAuth Sign-in:")
        let link = try #require(PlainFormOAuthTests.shownLink(terminal.output, title: "OAuth Sign-in").flatMap(URL.init(string:)))
        #expect(await FakeOAuthProvider.browse(link)?.status == 200)
        try await terminal.expect("Connected to OAuth Sign-in as alice")
        #expect(try await terminal.waitForExit() == 0)
        let refresh = try #require(try run.store.open("oauth_signin").options.first { $0.0 == "refresh_token" }?.1.plainText)
        #expect(provider.isLive(refreshToken: refresh))
    }

    @Test func theFullScreenFormShowsTheSignInInTheFieldsPlace() async throws {
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let tmux = try TmuxSession(["oauth_signin", "--spec", Self.fixture], environment: Self.environment(url), columns: 120, rows: 40)
        let screen = try await tmux.waitFor("Ctrl-S save")
        #expect(screen.contains("empty: sign in with 127.0.0.1 when you save"))
        #expect(screen.contains("[ Sign in and save ]"))
        try tmux.press("C-s")
        let link = try FullScreenOAuthTests.boxedLink(try await tmux.waitFor("Esc cancels."))
        #expect(await FakeOAuthProvider.browse(try #require(URL(string: link)))?.status == 200)
        let saved = try await tmux.waitFor("Press any key to finish.")
        #expect(saved.contains("Connected to OAuth Sign-in as alice"))
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        let stored = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": tmux.home]).open("oauth_signin")
        #expect(provider.isLive(refreshToken: try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)))
    }
}
