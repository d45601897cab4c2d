import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `probe --all`: every stored credential checked again and recorded: 0 when all pass, 4 when one
/// goes unanswered, 3 when one is rejected; Ctrl-C keeps what was recorded.
@Suite(.timeLimit(.minutes(2)))
struct ProbeAllTests {
    @Test func exitsZeroThenFourThenThreeAfterAKeyIsRevoked() async throws {
        try await HeadlessRun.withSandbox(LifecycleSandbox.configuration) { run, server, url in
            try LifecycleSandbox.storeDevAndProd(run, url)
            let all = try run.run(["probe", "--all"], [:])
            #expect(all.status == 0, "\(all.stderr)")
            let lines = all.stdout.split(separator: "\n").sorted()
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("acme (default): connected to Acme as Dev Bot (HTTP 200, ") == true)
            #expect(lines.last?.hasPrefix("acme (prod): connected to Acme as Prod Bot (HTTP 200, ") == true)

            let closed = try RefusingPort()
            let moved = try run.run(["acme", "--from-env", "--no-probe", "--profile", "prod"],
                                    LifecycleSandbox.acme(closed.url, workspace: "team-prod", key: LifecycleSandbox.prodKey))
            #expect(moved.status == 0)
            let unanswered = try run.run(["probe", "--all"], [:])
            #expect(unanswered.status == 4, "\(unanswered.stderr)")
            #expect(unanswered.stdout.contains("acme (prod): \(closed.url.host ?? "127.0.0.1")"))
            #expect(unanswered.stderr.hasPrefix("lakeflow-auth: error: 1 of 2 stored credentials did not pass: 1 not answered\n"))

            server.revoke(key: LifecycleSandbox.devKey)
            let rejected = try run.run(["probe", "--all"], [:])
            #expect(rejected.status == 3, "\(rejected.stderr)")
            #expect(rejected.stdout.contains("acme (default): the credentials were rejected by Acme (HTTP 401)"))
            #expect(rejected.stderr.contains("2 of 2 stored credentials did not pass: 1 rejected, 1 not answered"))
            #expect(rejected.stderr.contains("lakeflow-auth: hint: run `lakeflow-auth rotate acme` for new secrets"))
            #expect(try run.store.open("acme").probe?.verdict == .rejected)
            #expect(try run.store.open("acme", profile: "prod").probe?.verdict == .unreachable)
            let status = try LifecycleSandbox.statusObjects(try run.run(["status", "--json"], [:]).stdout)
            #expect(status.map { $0["check"]?["result"] } == [.string("rejected"), .string("unreachable")])
            #expect(status[0]["attention"] == .array([.string("rejected")]))
        }
    }

    @Test func anEmptyStoreHasNothingToCheck() throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let result = try run.run(["probe", "--all"], [:])
        #expect(result.status == 0)
        #expect(result.stderr.contains("no stored credentials"))
    }

    @Test(arguments: [["probe"], ["probe", "--all", "acme"], ["probe", "--all", "--profile", "prod"], ["probe", "--all", "--spec", "x.yaml"]])
    func allExcludesNamingWhatToCheck(arguments: [String]) throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let result = try run.run(arguments, [:])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: "))
    }

    /// The default profile answers at once and is recorded; the second never answers, and Ctrl-C
    /// ends the run while it waits: 130, the first record kept, nothing recorded for the second.
    @Test func ctrlCKeepsEveryRecordWrittenSoFar() async throws {
        try await HeadlessRun.withSandbox(LifecycleSandbox.configuration) { run, _, url in
            let dev = try run.run(["acme", "--from-env", "--no-probe"], LifecycleSandbox.acme(url, workspace: "team-dev", key: LifecycleSandbox.devKey))
            let slow = try run.run(["acme", "--from-env", "--no-probe", "--profile", "slow"],
                                   LifecycleSandbox.acme(url, workspace: "team-slow", key: LifecycleSandbox.slowKey))
            #expect(dev.status == 0 && slow.status == 0)
            let started = Date().addingTimeInterval(-1)
            let probing = try RunningCommand(["probe", "--all", "--probe-timeout", "60"], environment: ["LAKEFLOW_AUTH_HOME": run.home])
            let first = probing.waitForLine(containing: "acme (default)")
            #expect(first?.hasPrefix("acme (default): connected to Acme as Dev Bot") == true, "\(String(describing: first))")
            // The slow profile's request is on its way now (one check at a time per connector).
            try await Task.sleep(for: .milliseconds(300))
            probing.interrupt()
            let end = probing.finish()
            #expect(end.status == 130, "\(end.stderr)")
            #expect(end.stderr.contains("lakeflow-auth: error: cancelled after 1 of 2 checks; their results are recorded, the checks in flight are not"))
            let recorded = try run.store.open("acme").probe
            #expect(recorded?.verdict == .verified)
            #expect((recorded?.at ?? .distantPast) >= started)
            #expect(try run.store.open("acme", profile: "slow").probe == nil)
            let files = try FileManager.default.contentsOfDirectory(atPath: run.home + "/credentials")
            #expect(!files.contains { $0.hasPrefix(".tmp-") })
        }
    }
}
