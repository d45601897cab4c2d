import AcmeSandbox
import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Testing

/// The code flow as people meet it: a redirect address registered with the app (`--redirect-uri`,
/// headless and in the forms), a browser on another machine (the address it ended on, pasted on
/// `--from-env`'s standard input; a device code with `--device`; the browser form's `ssh -L` line).
@Suite(.timeLimit(.minutes(2)))
struct HeadlessOAuthWaysBackTests {
    static func redirectURI(inLink link: String) -> String? {
        URLComponents(string: link)?.queryItems?.first { $0.name == "redirect_uri" }?.value
    }

    @Test func theRegisteredRedirectAddressIsTheOneTheProviderGets() async throws {
        let port = try #require(try RefusingPort().url.port)
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.registeredRedirectURI = "http://localhost:\(port)/oauth/callback"
        try await HeadlessOAuthTests.withProvider(behaviour) { provider, url, run in
            let link = try run.startAndReadLink(HeadlessOAuthTests.codeFlowEnvironment(url),
                                                extra: ["--redirect-uri", "http://localhost:\(port)/oauth/callback"])
            #expect(Self.redirectURI(inLink: link) == "http://localhost:\(port)/oauth/callback")
            let page = await FakeOAuthProvider.browse(try #require(URL(string: link)))
            #expect(page?.text == "authorized: you can close this tab and go back to lakeflow-auth")
            let end = run.finish()
            #expect(end.status == 0, "\(end.stderr)")
            #expect(run.stored != nil)
        }
    }

    @Test func anAppRegisteredForAnotherAddressGetsAHintNamingTheFlag() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.registeredRedirectURI = "http://localhost:9876/oauth/callback"
        behaviour.mismatchGoesBack = true
        try await HeadlessOAuthTests.withProvider(behaviour) { provider, url, run in
            let link = try run.startAndReadLink(HeadlessOAuthTests.codeFlowEnvironment(url))
            _ = await FakeOAuthProvider.browse(try #require(URL(string: link)))
            let end = run.finish()
            #expect(end.status == 3)
            #expect(end.stderr.contains("refused the redirect address http://127.0.0.1:"))
            #expect(end.stderr.contains("lakeflow-auth: hint: register http://127.0.0.1:"))
            #expect(end.stderr.contains("--redirect-uri"))
            #expect(run.stored == nil)
        }
    }

    @Test func aTakenRedirectPortIsExit2NamingThePort() async throws {
        try await HeadlessOAuthTests.withProvider { provider, url, run in
            let taken = try #require(url.port)
            let result = try run.run(["oauth_demo", "--from-env", "--redirect-uri", "http://127.0.0.1:\(taken)/oauth/callback"],
                                     HeadlessOAuthTests.codeFlowEnvironment(url))
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("lakeflow-auth: error: cannot listen for the authorization callback on 127.0.0.1:\(taken): the port is taken or not allowed"))
            #expect(result.stderr.contains("ss -ltnp 'sport = :\(taken)'"))
            #expect(!result.stdout.contains("/authorize"))
            #expect(provider.authorizationQueries.isEmpty && run.stored == nil)
        }
    }

    @Test(arguments: [
        ("https://localhost:9876/oauth/callback", "--redirect-uri must be http"),
        ("http://example.com:9876/oauth/callback", "--redirect-uri must be on 127.0.0.1 or localhost, not example.com"),
        ("localhost:9876", "--redirect-uri takes an address such as http://localhost:9876/oauth/callback"),
    ])
    func aRedirectAddressOffThisMachineIsRefusedBeforeAnything(_ given: String, _ says: String) throws {
        let run = HeadlessOAuthProcess("oauth_demo")
        defer { run.removeHome() }
        let result = try run.run(["oauth_demo", "--from-env", "--redirect-uri", given], [:])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: \(says)"), "\(result.stderr)")
    }

    @Test func theAddressTheBrowserEndedOnPastedOnStandardInputFinishes() async throws {
        try await HeadlessOAuthTests.withProvider { provider, url, run in
            let link = try run.startAndReadLink(HeadlessOAuthTests.codeFlowEnvironment(url), pastes: true)
            // The browser is elsewhere: the provider sends it to a 127.0.0.1 that is not this one.
            let linkURL = try #require(URL(string: link))
            let ended = try #require(await FakeOAuthProvider.redirectAddress(of: linkURL))
            run.paste("this site can't be reached")
            #expect(run.stderr(waitingFor: "is not the address the browser ended on")
                .contains("lakeflow-auth: warning: the pasted text is not the address the browser ended on"))
            let state = try #require(URLComponents(string: ended)?.queryItems?.first { $0.name == "state" }?.value)
            run.paste(ended.replacingOccurrences(of: "state=\(state)", with: "state=another-run"))
            #expect(run.stderr(waitingFor: "another state").contains("the pasted address carries another state than this run sent"))
            run.paste(ended)
            let end = run.finish()
            #expect(end.status == 0, "\(end.stderr)")
            #expect(end.stdout.contains("connected to OAuth Demo as alice"))
            #expect(provider.tokenRequests.map(\.grant) == ["authorization_code"])
            #expect(run.stored?.options.contains { $0.0 == "refresh_token" } == true)
            HeadlessOAuthTests.expectNoSecrets(end.stdout + end.stderr, provider, stored: run.stored)
        }
    }

    @Test func theDeviceGrantShowsTheCodeAndPollsUntilItIsApproved() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.slowsDownFirstPoll = false
        try await HeadlessOAuthTests.withProvider(behaviour) { provider, url, run in
            let environment = HeadlessOAuthTests.codeFlowEnvironment(url)
                .merging(["OAUTH_DEMO_DEVICE_AUTHORIZATION_URL": "{base_url}/device"]) { $1 }
            let page = try run.startAndReadLink(environment, extra: ["--device"])
            #expect(page.hasPrefix(url.absoluteString + "/device-page?user_code=WDJB-"))
            let errors = run.stderr(waitingFor: "enter the code")
            let code = try #require(page.split(separator: "=").last.map(String.init))
            #expect(errors.contains("open \(url.absoluteString)/device-page on any device and enter the code \(code) to authorize OAuth Demo"))
            #expect(await FakeOAuthProvider.approve(try #require(URL(string: page))) == 200)
            let end = run.finish()
            #expect(end.status == 0, "\(end.stderr)")
            #expect(provider.authorizationQueries.isEmpty)
            let polls = try #require(provider.devicePolls.first)
            #expect(!polls.isEmpty)
            for (earlier, later) in zip(polls, polls.dropFirst()) { #expect(later - earlier >= .milliseconds(900)) }
            #expect(run.stored?.options.contains { $0.0 == "refresh_token" } == true)
        }
    }

    @Test func theLineFormTakesTheRedirectAddressToo() async throws {
        let port = try #require(try RefusingPort().url.port)
        let (provider, url) = try await OAuthFormRun.provider()
        defer { Task { await provider.stop() } }
        let run = try await PlainFormOAuthTests.answered(url, ["--no-open", "--redirect-uri", "http://localhost:\(port)/oauth/callback"],
                                                         environment: [:])
        defer { run.removeHome() }
        try await run.terminal.expect("Open this link in a browser to authorize OAuth Demo:")
        let link = try #require(PlainFormOAuthTests.shownLink(run.terminal.output))
        #expect(Self.redirectURI(inLink: link) == "http://localhost:\(port)/oauth/callback")
        #expect(await FakeOAuthProvider.browse(try #require(URL(string: link)))?.status == 200)
        try await run.terminal.expect("Connected to OAuth Demo as alice")
        #expect(try await run.terminal.waitForExit() == 0)
    }

    @Test func theBrowserFormOverSSHPrintsTheLineThatForwardsItsPortAndTheCallbacks() throws {
        let form = try BrowserFormProcess(connector: "oauth_demo",
                                          arguments: ["--browser", "--no-open", "--redirect-uri", "http://localhost:9876/oauth/callback",
                                                      "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                          environment: ["SSH_CONNECTION": "198.51.100.4 52144 203.0.113.7 22", "USER": "alice"])
        defer { form.stop() }
        let port = try #require(form.link.port)
        let line = try form.errorLine(containing: "over SSH")
        #expect(line == "lakeflow-auth: over SSH, forward the port from your own machine first: "
            + "ssh -N -L \(port):127.0.0.1:\(port) -L 9876:127.0.0.1:9876 alice@203.0.113.7")
    }

    @Test func theBrowserFormOutsideSSHPrintsNoSuchLine() throws {
        let form = try BrowserFormProcess(connector: "oauth_demo",
                                          arguments: ["--browser", "--no-open", "--spec", HeadlessOAuthProcess.fixture("oauth_demo")],
                                          environment: [:])
        defer { form.stop() }
        _ = try form.errorLine(containing: "open that link to fill in the OAuth Demo form")
        form.process.terminate()
        _ = form.exitStatus(within: .seconds(10))
        #expect(!form.errorOutput.contains("ssh "))
    }

    @Test func deviceGoesWithFromEnv() throws {
        let run = HeadlessOAuthProcess("oauth_demo")
        defer { run.removeHome() }
        let result = try run.run(["oauth_demo", "--plain", "--device"], [:])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: --device goes with --from-env"))
    }
}
