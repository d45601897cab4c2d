import AcmeSandbox
import Foundation
import LoopbackHTTP
import LakeflowAuthBrowser
import LakeflowAuthCore
import RawHTTP
import Testing

/// Every rule of who may see or post the form, each shown with the request it stops, sent over a raw
/// socket to the real server.
@Suite(.serialized) struct HostileRequestTests {
    static func withForm(_ body: (RunningForm) async throws -> Void) async throws {
        let form = try await RunningForm.start()
        do {
            try await body(form)
        } catch {
            await form.stop()
            throw error
        }
        await form.stop()
    }

    static let validPost = [("auth_method", "api_key"), ("workspace", "demo-workspace"), ("api_key", "acme-demo-key-0001")]
    /// The demo sandbox plus a workspace whose API accepts a request and never answers.
    static let silent = AcmeSandboxConfiguration(workspaces: AcmeSandboxConfiguration.demo.workspaces + [.init(slug: "silent", fault: .hang)])
    static let silentPost = [("auth_method", "api_key"), ("workspace", "silent"), ("api_key", "acme-demo-key-0001")]

    /// Any local user can open sockets to the form's port: forty that never send a request, or forty
    /// requests whose bodies never end, and the person's own browser is still served.
    @Test func thePersonsSessionIsServedWhileOthersHoldTheServer() async throws {
        try await Self.withForm { form in
            let idle = try (0..<45).map { _ in try RawHTTP.Connection(port: form.port) }
            defer { idle.forEach { $0.close() } }
            try await Task.sleep(for: .milliseconds(300))
            // The first visit, with the link's token, and then the page with the cookie it bought.
            let started = ContinuousClock.now
            let session = try form.logIn()
            #expect(ContinuousClock.now - started < .seconds(3))

            let trickling = try (0..<45).map { _ in try RawHTTP.Connection(port: form.port) }
            defer { trickling.forEach { $0.close() } }
            for connection in trickling {
                connection.send(RawHTTP.request("POST", "/", headers: [("Host", form.host), ("Content-Length", "1000")]))
            }
            try await Task.sleep(for: .milliseconds(300))
            let page = try form.send(headers: [("Host", form.host), ("Cookie", session.cookie)])
            #expect(page.status == 200)
            #expect(page.body.contains("csrf_token"))
            let stranger = try form.send(headers: [("Host", form.host)])
            #expect(stranger.status == 503 || stranger.status == 403)
        }
    }

    @Test func withoutTheCookieThereIsNoForm() async throws {
        try await Self.withForm { form in
            let response = try form.send(headers: [("Host", form.host)])
            #expect(response.status == 403)
            #expect(!response.body.contains("<form"))
            #expect(!response.body.contains("csrf_token"))
        }
    }

    @Test func aWrongTokenIsRefused() async throws {
        try await Self.withForm { form in
            let wrong = String(form.token.reversed())
            let response = try form.send("GET", "/?token=\(wrong)", headers: [("Host", form.host)])
            #expect(response.status == 403)
            #expect(response.header("set-cookie") == nil)
        }
    }

    @Test func theTokenBuysAStrictHttpOnlyCookieOnceAndRedirectsToTheCleanAddress() async throws {
        try await Self.withForm { form in
            let first = try form.send("GET", "/?token=\(form.token)", headers: [("Host", form.host)])
            #expect(first.status == 303)
            #expect(first.header("location") == "/")
            let cookie = try #require(first.header("set-cookie"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains(form.token))

            let second = try form.send("GET", "/?token=\(form.token)", headers: [("Host", form.host)])
            #expect(second.status == 403)
            #expect(second.header("set-cookie") == nil)
        }
    }

    @Test func aForgedCookieIsRefused() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let name = session.cookie.split(separator: "=")[0]
            for forged in ["\(name)=", "\(name)=\(String(repeating: "0", count: 64))", "\(name)=\(form.token)", "other=1"] {
                let response = try form.send(headers: [("Host", form.host), ("Cookie", forged)])
                #expect(response.status == 403, "\(forged)")
            }
        }
    }

    @Test(arguments: ["evil.example", "evil.example:PORT", "127.0.0.1", "127.0.0.1:1", "localhost", "127.0.0.1.evil.example:PORT", "[::1]:PORT"])
    func aForeignHostIsRefused(host: String) async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let host = host.replacingOccurrences(of: "PORT", with: String(form.port))
            let response = try form.send(headers: [("Host", host), ("Cookie", session.cookie)])
            #expect(response.status == 421)
            #expect(!response.body.contains("<form"))
            let post = try form.post(session, Self.validPost, headers: [
                ("Host", host), ("Cookie", session.cookie), ("Origin", "http://\(host)"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ])
            #expect(post.status == 421)
            #expect(form.stored == nil)
        }
    }

    @Test func aMissingHostIsRefused() async throws {
        try await Self.withForm { form in
            let response = try form.send("GET", "/?token=\(form.token)", headers: [])
            #expect(response.status == 421)
        }
    }

    @Test func localhostWithThePortIsServed() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let response = try form.send(headers: [("Host", "localhost:\(form.port)"), ("Cookie", session.cookie)])
            #expect(response.status == 200)
            #expect(response.body.contains("<form"))
        }
    }

    @Test(arguments: [
        ("no cookie", false, true, "http://ORIGIN"),
        ("no csrf token", true, false, "http://ORIGIN"),
        ("foreign origin", true, true, "http://evil.example"),
        ("null origin", true, true, "null"),
        ("other port", true, true, "http://127.0.0.1:1"),
    ])
    func aPostMissingAProofSavesNothing(label: String, withCookie: Bool, withCSRF: Bool, origin: String) async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            var headers = [("Host", form.host), ("Content-Type", "application/x-www-form-urlencoded"),
                           ("Origin", origin.replacingOccurrences(of: "http://ORIGIN", with: form.origin))]
            if withCookie { headers.append(("Cookie", session.cookie)) }
            let csrf = withCSRF ? session.csrfToken : String(repeating: "a", count: session.csrfToken.count)
            let body = FormURLEncoded.encode([("csrf_token", csrf)] + Self.validPost)
            let response = try form.send("POST", headers: headers, body: body)
            #expect(response.status == 403, "\(label)")
            #expect(form.stored == nil)
        }
    }

    @Test func withoutOriginTheRefererMustBeThisServer() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let base = [("Host", form.host), ("Cookie", session.cookie), ("Content-Type", "application/x-www-form-urlencoded")]
            let body = FormURLEncoded.encode([("csrf_token", session.csrfToken), ("auth_method", "api_key")])
            for referer in [nil, "http://evil.example/", "http://\(form.host).evil.example/", "http://127.0.0.1:1/"] {
                let headers = base + (referer.map { [("Referer", $0)] } ?? [])
                #expect(try form.send("POST", headers: headers, body: body).status == 403, "\(referer ?? "none")")
            }
            let sameOrigin = try form.send("POST", headers: base + [("Referer", form.origin + "/")], body: body)
            #expect(sameOrigin.status == 303)
        }
    }

    @Test func aCSRFTokenGivenTwiceIsRefused() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let response = try form.post(session, [("csrf_token", "forged")] + Self.validPost)
            #expect(response.status == 403)
            #expect(form.stored == nil)
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let answers = [
                try form.send(headers: [("Host", form.host)]),
                try form.send(headers: [("Host", "evil.example")]),
                try form.send("GET", "/elsewhere", headers: [("Host", form.host), ("Cookie", session.cookie)]),
                try form.send("PUT", headers: [("Host", form.host), ("Cookie", session.cookie)]),
                try form.send(headers: [("Host", form.host), ("Cookie", session.cookie)]),
                try form.post(session, [("action", "switch"), ("auth_method", "basic")]),
            ]
            #expect(answers.map(\.status) == [403, 421, 404, 405, 200, 303])
            for answer in answers {
                let policy = try #require(answer.header("content-security-policy"))
                #expect(policy.contains("script-src 'nonce-"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(policy.contains("form-action 'self'"))
                #expect(answer.header("x-content-type-options") == "nosniff")
                #expect(answer.header("cache-control") == "no-store")
            }
            // The page holding the form is `same-origin`, so the browser's post carries its real Origin
            // (from a `no-referrer` page it would be "null"); every other answer is `no-referrer`.
            #expect(answers.map { $0.header("referrer-policy") } == ["no-referrer", "no-referrer", "no-referrer", "no-referrer", "same-origin", "no-referrer"])
            #expect(answers[3].header("allow") == "GET, POST")
        }
    }

    @Test func theScriptOnThePageCarriesTheNonceOfItsPolicy() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let response = try form.send(headers: [("Host", form.host), ("Cookie", session.cookie)])
            let policy = try #require(response.header("content-security-policy"))
            let nonce = try #require(policy.split(separator: "'").first { $0.hasPrefix("nonce-") }).dropFirst(6)
            #expect(nonce.count == 32)
            #expect(response.body.contains(#"<script nonce="\#(nonce)">"#))
            #expect(response.body.components(separatedBy: "<script").count == 2)
            let again = try form.send(headers: [("Host", form.host), ("Cookie", session.cookie)])
            #expect(again.header("content-security-policy") != policy)
        }
    }

    @Test func aBodyOverTheLimitIsRefused() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let response = try form.post(session, [("workspace", String(repeating: "a", count: 70 * 1024))])
            #expect(response.status == 413)
        }
    }

    @Test func specTextIsInert() async throws {
        let hostile = #"<script>alert(1)</script> "><img src=x onerror=alert(1)> ' onmouseover=alert(1)"#
        let spec = ConnectorSpec(connector: "acme", origin: .declarations, displayName: "Acme <b>bold</b>", options: [
            ConnectorOption(name: "workspace", required: true, description: hostile, defaultValue: hostile, envVar: "ACME_WORKSPACE"),
            ConnectorOption(name: "region", description: hostile, choices: [hostile, "eu"], envVar: "ACME_REGION"),
        ])
        let form = try await RunningForm.start(spec: spec)
        defer { Task { await form.stop() } }
        let session = try form.logIn()
        let page = try form.page(session)
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39; onmouseover"))
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test func secretsNeverReachThePageAndABlankSecretKeepsItsValue() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let secret = "acme-demo-key-0001"
            let invalid = try form.post(session, [("auth_method", "api_key"), ("workspace", "NOT VALID"), ("api_key", secret)])
            #expect(invalid.status == 303)
            #expect(invalid.header("location") == "/")
            let page = try form.page(session)
            #expect(!page.contains(secret))
            #expect(page.contains("kept as entered, leave empty to keep"))
            #expect(!page.contains("kept from before"), "nothing was stored")
            #expect(page.contains("workspace must match"))
            #expect(page.contains(#"role="alert""#))
            #expect(page.contains(#"aria-invalid="true""#))
            #expect(form.stored == nil)

            let saved = try form.post(session, [("auth_method", "api_key"), ("workspace", "demo-workspace"), ("api_key", "")])
            #expect(saved.status == 200)
            #expect(saved.body.contains("Connected as Demo Analyst"))
            #expect(!saved.body.contains(secret))
            let result = try await form.run.value
            #expect(result.probe?.isVerified == true)
            #expect(form.stored?.options.first { $0.0 == "api_key" }?.1.plainText == secret)
        }
    }

    @Test func aFailedCheckOffersRetryEditAndSaveUnverified() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            _ = try form.post(session, [("auth_method", "api_key"), ("workspace", "demo-workspace"), ("api_key", "wrong-key")])
            let page = try form.page(session)
            #expect(page.contains("the credentials were rejected by Acme"))
            #expect(page.contains(#"value="save_unverified""#))
            #expect(page.contains(#"value="edit""#))
            #expect(page.contains("Retry"))
            #expect(form.stored == nil)
            let retried = try form.post(session, [("auth_method", "api_key"), ("workspace", "demo-workspace"), ("api_key", "acme-demo-key-0001")])
            #expect(retried.body.contains("Connected as Demo Analyst"))
            _ = try await form.run.value
        }
    }

    @Test func successEndsTheServerWithinASecond() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            _ = try form.post(session, Self.validPost)
            let clock = ContinuousClock()
            let started = clock.now
            _ = try await form.run.value
            #expect(clock.now - started < .seconds(1))
            #expect(throws: RawHTTP.Failure.self) { try form.send(headers: [("Host", form.host)]) }
        }
    }

    @Test func aCheckInFlightIsStoppedByThePagesOwnPost() async throws {
        let (started, announce) = AsyncStream<Void>.makeStream()
        let slow: SetupSession.Check = { _ in
            announce.yield()
            try await Task.sleep(for: .seconds(30))
            return ProbeResult(outcome: .verified, source: "Acme")
        }
        let form = try await RunningForm.start(check: slow)
        defer { Task { await form.stop() } }
        let session = try form.logIn()
        // The check's own post waits for its answer on a thread of its own, as the browser's does.
        let checked = Task { try await form.postOnThread(session, Self.validPost) }
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        let clock = ContinuousClock()
        let stopping = clock.now
        let stop = try form.post(session, [("action", "cancel_check")])
        #expect(stop.status == 303)
        #expect(try await checked.value.status == 303, "the waiting post is answered too")
        #expect(clock.now - stopping < .seconds(5))
        let page = try form.page(session)
        #expect(page.contains("Check and save"), "back to the form")
        #expect(page.contains(#"id="stop-check""#))
        #expect(form.stored == nil)
    }

    /// Without script the Stop checking button never shows; the check's post then ends with the
    /// probe's timeout, and the page offers what a failed check offers.
    @Test func withoutScriptACheckIsBoundedByTheProbeTimeout() async throws {
        let form = try await RunningForm.start(sandbox: Self.silent, probeTimeout: .seconds(1))
        defer { Task { await form.stop() } }
        let session = try form.logIn()
        #expect(try form.page(session).contains(#"<p class="checking" id="checking" role="status" hidden>"#), "shown by script alone")
        let started = ContinuousClock.now
        let checked = try form.post(session, [("action", "submit")] + Self.silentPost)
        #expect(checked.status == 303)
        #expect(ContinuousClock.now - started < .seconds(15))
        let page = try form.page(session)
        #expect(page.contains("no answer from Acme within 1 second"))
        #expect(page.contains(#"value="silent""#))
        #expect(form.stored == nil)
    }

    /// The probe itself, waiting on a source that never answers, is stopped as fast as a script's check.
    @Test func aProbeInFlightIsStoppedByThePagesOwnPost() async throws {
        let form = try await RunningForm.start(sandbox: Self.silent, probeTimeout: .seconds(60))
        defer { Task { await form.stop() } }
        let session = try form.logIn()
        let checked = Task { try await form.postOnThread(session, [("action", "submit")] + Self.silentPost) }
        let during = try await form.waitForCheckInFlight(session)
        #expect(during.contains("Checking with Acme…"), "a page loaded during the check says so")
        #expect(during.contains(#"value="cancel_check""#), "and stops it without script")
        let stopping = ContinuousClock.now
        #expect(try form.post(session, [("action", "cancel_check")]).status == 303)
        #expect(try await checked.value.status == 303, "the waiting post is answered too")
        #expect(ContinuousClock.now - stopping < .seconds(5))
        #expect(try form.page(session).contains(#"value="silent""#))
        #expect(form.stored == nil)
    }

    @Test func theWayBackFromTheProviderNeedsTheCookie() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let refused = try form.send("GET", "/authorized", headers: [("Host", form.host)])
            #expect(refused.status == 403)
            #expect(!refused.body.contains("csrf_token"))
            let page = try form.send("GET", "/authorized", headers: [("Host", form.host), ("Cookie", session.cookie)])
            #expect(page.status == 200)
            #expect(page.body.contains("Check and save"), "with no authorization under way, the form as it stands")
            #expect(try form.send("POST", "/authorized", headers: [("Host", form.host), ("Cookie", session.cookie)]).status == 405)
        }
    }

    @Test func cancelSavesNothingAndEndsTheForm() async throws {
        try await Self.withForm { form in
            let session = try form.logIn()
            let response = try form.post(session, [("action", "cancel")])
            #expect(response.body.contains("Cancelled"))
            await #expect(throws: SetupCancelled.byPerson) { try await form.run.value }
            #expect(form.stored == nil)
        }
    }

    @Test func anIdleFormEndsWithExit130() async throws {
        let form = try await RunningForm.start(idleTimeout: .seconds(1))
        defer { Task { await form.stop() } }
        await #expect(throws: BrowserFormError.idle(minutes: 0, seconds: 1)) { try await form.run.value }
        #expect(BrowserFormError.idle(minutes: 0, seconds: 1).exitStatus == .cancelled)
    }
}
