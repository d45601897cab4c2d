import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// The line-by-line form on a code-flow connector: it shows the authorization link on the terminal,
/// waits for the callback, and stores the refresh token the provider granted.
@Suite(.timeLimit(.minutes(2)))
struct PlainFormOAuthTests {
    @Test func theLinkIsShownAndTheGrantIsStored() async throws {
        let provider = FakeOAuthProvider(.init())
        let url = try await provider.start()
        defer { Task { await provider.stop() } }
        let run = try WizardRun(["oauth_demo", "--plain", "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                environment: HeadlessOAuthTests.codeFlowEnvironment(url))
        defer { run.removeHome() }
        let terminal = run.terminal
        for prompt in ["base_url [", "client_id [", "client_secret [", "refresh_token"] {
            try await terminal.expect(prompt)
            terminal.sendLine("")
        }
        try await terminal.expect("Open this link in a browser to authorize OAuth Demo:")
        try await terminal.expect("Waiting for the authorization")
        let shown = terminal.output.components(separatedBy: "authorize OAuth Demo:").last ?? ""
        let link = try #require(shown.split(whereSeparator: \.isNewline).first.map(String.init))
        #expect(link.hasPrefix(url.absoluteString + "/authorize?"))
        #expect(await FakeOAuthProvider.browse(try #require(URL(string: link)))?.status == 200)
        try await terminal.expect("Connected to OAuth Demo as alice")
        #expect(try await terminal.waitForExit() == 0)
        let stored = try run.store.open("oauth_demo")
        let refresh = try #require(stored.options.first { $0.0 == "refresh_token" }?.1.plainText)
        #expect(provider.isLive(refreshToken: refresh))
        #expect(!terminal.output.contains(refresh) && !terminal.output.contains(HeadlessOAuthTests.client.clientSecret))
    }
}

/// The full-screen form on a code-flow connector: the link in a box while it waits, then the grant stored.
@Suite(.timeLimit(.minutes(2)))
struct FullScreenOAuthTests {
    @Test func theLinkIsShownWholeInABoxAndTheGrantIsStored() async throws {
        let provider = FakeOAuthProvider(.init())
        let url = try await provider.start()
        defer { Task { await provider.stop() } }
        let tmux = try TmuxSession(["oauth_demo", "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                   environment: HeadlessOAuthTests.codeFlowEnvironment(url))
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("C-s")
        let box = try await tmux.waitFor("Esc cancels.")
        // The link's rows sit between the box's first line and its last, framed by │.
        let rows = box.components(separatedBy: "\n")
        let start = try #require(rows.firstIndex { $0.contains("/authorize?") })
        let end = try #require(rows.firstIndex { $0.contains("Esc cancels.") })
        let link = rows[start..<end].map { $0.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces) }
            .joined()
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
}
