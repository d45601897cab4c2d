import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `--json` as an agent meets it: every stdout line a JSON event, the browser form's link first, the
/// end of the run last with its exit status, and no secret on stdout.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct JSONEventsTests {
    static let key = "acme-demo-key-0001"
    static let wrongKey = "acme-wrong-key-9999"

    static func names(_ events: [[String: Any]]) -> [String] { events.map { $0["event"] as? String ?? "?" } }

    /// Every line of `stdout` parsed as a JSON object.
    static func events(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(parsed as? [String: Any], "not a JSON object: \(line)")
        }
    }

    static func expectNoSecret(_ text: String) {
        #expect(!text.contains(key) && !text.contains(wrongKey), "a secret on stdout: \(text)")
    }

    /// The browser form with `--json`, in a home of its own, aimed at the sandbox.
    static func startForm(sandbox: URL, home: String) throws -> EventProcess {
        try EventProcess(executable: try LakeflowAuthProcess.builtBinary(), ["acme", "--browser", "--no-open", "--json"], environment: [
            "PATH": "/usr/bin:/bin", "HOME": home, "LAKEFLOW_AUTH_HOME": home + "/store", "NO_COLOR": "1",
            "ACME_BASE_URL": sandbox.absoluteString,
        ])
    }

    static func withSandbox(_ body: (URL, String) async throws -> Void) async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-events-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        do {
            try await body(url, home)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    /// The agent's part: start the form in the background, read the first line, pass the link on (here
    /// the test fills the form over HTTP as the page posts it), and read on until `saved`.
    @Test func theAgentReadsTheLinkThenTheSavedEvent() async throws {
        try await Self.withSandbox { sandbox, home in
            let form = try Self.startForm(sandbox: sandbox, home: home)
            defer { form.stop() }
            let first = try form.nextEvent()
            #expect(first["event"] as? String == "url")
            #expect(first["purpose"] as? String == "form")
            let address = try #require(first["url"] as? String)
            let link = try #require(URL(string: address))
            #expect(link.absoluteString.hasPrefix("http://127.0.0.1:"))

            let visit = try FormVisit(link: link)
            try visit.post([("action", "submit"), ("auth_method", "api_key"), ("workspace", "demo-workspace"),
                            ("base_url", sandbox.absoluteString), ("region", "us"), ("api_key", Self.key)])
            let events = try form.events(through: "saved")
            #expect(Self.names(events) == ["checking", "checked", "saved"])
            #expect(events[1]["passed"] as? Bool == true)
            #expect(events[1]["identity"] as? String == "Demo Analyst")
            let saved = events[2]
            #expect(saved["verified"] as? Bool == true)
            #expect(saved["identity"] as? String == "Demo Analyst")
            #expect(saved["path"] as? String == home + "/store/credentials/acme.age")
            #expect(form.exitStatus() == 0)
            #expect(form.remainingLines.isEmpty, "nothing after the last event")
            for line in form.lines { Self.expectNoSecret(line) }
            let errors = form.errorOutput
            #expect(errors.contains("lakeflow-auth: open that link to fill in the Acme form"), "the person's messages stay on stderr")
            #expect(errors.contains("saved to \(home)/store/credentials/acme.age"))
            #expect(!errors.contains(Self.key))
        }
    }

    @Test func quitOnThePageIsTheCancelledEventAndExit130() async throws {
        try await Self.withSandbox { sandbox, home in
            let form = try Self.startForm(sandbox: sandbox, home: home)
            defer { form.stop() }
            let address = try #require(try form.nextEvent()["url"] as? String)
            let link = try #require(URL(string: address))
            try FormVisit(link: link).post([("action", "cancel")])
            let events = try form.events(through: "cancelled")
            #expect(Self.names(events) == ["cancelled"])
            #expect(events[0]["exit_status"] as? Int == 130)
            #expect(events[0]["message"] as? String == "cancelled; nothing was saved")
            #expect(form.exitStatus() == 130)
            #expect(form.remainingLines.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: home + "/store/credentials/acme.age"))
        }
    }

    /// The agent stops the form it started (Ctrl-C in its shell, `kill`): the run still ends with its
    /// last event, and the exit status is the one it gives.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalEndsTheRunWithTheCancelledEvent(_ signal: Int32) async throws {
        try await Self.withSandbox { sandbox, home in
            let form = try Self.startForm(sandbox: sandbox, home: home)
            defer { form.stop() }
            #expect(try form.nextEvent()["event"] as? String == "url")
            kill(form.process.processIdentifier, signal)
            let events = try form.events(through: "cancelled")
            #expect(Self.names(events) == ["cancelled"])
            #expect(events[0]["message"] as? String == "cancelled; nothing was saved")
            #expect(events[0]["exit_status"] as? Int == 130)
            #expect(form.exitStatus() == 130)
            #expect(form.remainingLines.isEmpty)
        }
    }

    /// At a terminal `--json` asks a line at a time, and the terminal's Ctrl-C is a signal the form's
    /// own handlers take: they end the run with the same event.
    @Test func ctrlCInTheLineFormEndsTheRunWithTheCancelledEvent() async throws {
        let run = try WizardRun(["acme", "--json"])
        defer { run.removeHome() }
        try await run.terminal.expect("api_key")
        run.terminal.sendInterrupt()
        #expect(try await run.terminal.waitForExit() == 130)
        // The terminal echoes ^C on the prompt's line, before the event that follows it there.
        let events = run.terminal.output.split(whereSeparator: \.isNewline)
            .compactMap { line in line.range(of: #"{"event""#).map { String(line[$0.lowerBound...]) } }
        #expect(events == [#"{"event":"cancelled","message":"cancelled; nothing was saved","exit_status":130}"#])
    }

    @Test func aRejectedKeyFromTheEnvironmentIsCheckedThenAnErrorWithItsExitStatus() async throws {
        try await HeadlessRun.withSandbox { run, _, url in
            let result = try run.run(["acme", "--from-env", "--json"], [
                "ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": Self.wrongKey, "ACME_BASE_URL": url.absoluteString,
            ])
            #expect(result.status == 3)
            let events = try Self.events(result.stdout)
            #expect(Self.names(events) == ["checking", "checked", "error"])
            #expect(events[1]["passed"] as? Bool == false)
            #expect(events[1]["outcome"] as? String == "rejected")
            #expect(events[1]["http_status"] as? Int == 401)
            #expect(events[2]["exit_status"] as? Int == 3)
            #expect(events[2]["hints"] as? [String] == ["check ACME_API_KEY"])
            #expect(result.stderr.contains("lakeflow-auth: error: the credentials were rejected by Acme (HTTP 401)"))
            Self.expectNoSecret(result.stdout)
        }
    }

    @Test func probeWritesCheckingAndCheckedForSuccessRejectionAndUnreachable() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let run = HeadlessRun()
        defer { run.removeHome() }
        let values = ["ACME_WORKSPACE": "demo-workspace", "ACME_BASE_URL": url.absoluteString]
        #expect(try run.run(["acme", "--from-env"], values.merging(["ACME_API_KEY": Self.key]) { $1 }).status == 0)

        let passed = try run.run(["probe", "acme", "--json"], [:])
        #expect(passed.status == 0, "\(passed.stderr)")
        let good = try Self.events(passed.stdout)
        #expect(Self.names(good) == ["checking", "checked"])
        #expect(good[1]["passed"] as? Bool == true)
        #expect(good[1]["outcome"] as? String == "verified")
        #expect(good[1]["identity"] as? String == "Demo Analyst")
        #expect(passed.stderr.contains("lakeflow-auth: connected to Acme as Demo Analyst"))

        #expect(try run.run(["acme", "--from-env", "--no-probe"], values.merging(["ACME_API_KEY": Self.wrongKey]) { $1 }).status == 0)
        let refused = try run.run(["probe", "acme", "--json"], [:])
        #expect(refused.status == 3)
        let bad = try Self.events(refused.stdout)
        #expect(Self.names(bad) == ["checking", "checked", "error"])
        #expect(bad[1]["outcome"] as? String == "rejected")
        #expect(bad[2]["exit_status"] as? Int == 3)
        #expect(bad[2]["hints"] as? [String] == ["run `lakeflow-auth acme` to enter new values, or `lakeflow-auth rotate acme` for new secrets"])

        await sandbox.stop()
        let gone = try run.run(["probe", "acme", "--json"], [:])
        #expect(gone.status == 4)
        let unreachable = try Self.events(gone.stdout)
        #expect(Self.names(unreachable) == ["checking", "checked", "error"])
        #expect(unreachable[1]["outcome"] as? String == "unreachable")
        #expect(unreachable[1]["http_status"] is NSNull)
        #expect(unreachable[2]["exit_status"] as? Int == 4)
        for result in [passed, refused, gone] { Self.expectNoSecret(result.stdout) }
    }

    /// Bad usage exits 2; credentials that are not stored exit 5, as without `--json`.
    @Test func badInputWithJSONIsOneErrorEventAndItsExitStatus() throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        for (arguments, status) in [(["no-such-connector", "--json"], 2), (["acme", "--json", "--no-such-flag"], 2),
                                    (["probe", "acme", "--json"], 5), (["acme", "--from-env", "--json"], 2)] {
            let result = try run.run(arguments, [:])
            #expect(result.status == Int32(status), "\(arguments): \(result.stderr)")
            let events = try Self.events(result.stdout)
            #expect(Self.names(events) == ["error"], "\(arguments)")
            #expect(events.first?["exit_status"] as? Int == status)
            let message = try #require(events.first?["message"] as? String)
            #expect(result.stderr.hasPrefix("lakeflow-auth: error: \(message)\n"), "the same message on stderr")
        }
        let plain = try run.run(["no-such-connector"], [:])
        #expect(plain.status == 2)
        #expect(plain.stdout.isEmpty, "no events without --json")
    }
}
