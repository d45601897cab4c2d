import AcmeSandbox
import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Testing

/// `status`: every stored credential's last check, expiries and connections, as JSON or a table,
/// without the identity's passphrase.
@Suite(.timeLimit(.minutes(2)))
struct StatusCommandTests {
    @Test func statusJSONHasItsShapeAndNeedsNoPassphrase() async throws {
        try await HeadlessRun.withSandbox(LifecycleSandbox.configuration) { run, _, url in
            let passphrase = ["LAKEFLOW_AUTH_PASSPHRASE": "correct horse battery"]
            let dev = try run.run(["acme", "--from-env"],
                                  LifecycleSandbox.acme(url, workspace: "team-dev", key: LifecycleSandbox.devKey).merging(passphrase) { $1 })
            #expect(dev.status == 0, "\(dev.stderr)")
            let prod = try run.run(["acme", "--from-env", "--no-probe", "--profile", "prod"],
                                   LifecycleSandbox.acme(url, workspace: "team-prod", key: LifecycleSandbox.prodKey).merging(passphrase) { $1 })
            #expect(prod.status == 0, "\(prod.stderr)")

            let status = try run.run(["status", "--json"], [:])
            #expect(status.status == 0, "\(status.stderr)")
            let objects = try LifecycleSandbox.statusObjects(status.stdout)
            #expect(objects.count == 2)
            for object in objects {
                guard case let .object(members) = object else { continue }
                #expect(members.map(\.0) == ["connector", "profile", "auth_method", "saved_at", "check", "oauth", "connections", "written_here", "newer_written_here_at", "attention"])
                guard case let .object(check)? = object["check"] else { continue }
                #expect(check.map(\.0) == ["at", "result", "identity", "http_status", "expires_at"])
            }
            #expect(objects.map { $0["profile"] } == [.string("default"), .string("prod")])
            #expect(objects[0]["check"]?["result"] == .string("verified"))
            #expect(objects[0]["check"]?["identity"] == .string("Dev Bot"))
            #expect(objects[0]["attention"] == .array([]))
            #expect(objects[1]["check"]?["result"] == .string("unverified"))
            #expect(objects[1]["check"]?["at"] == .null)
            #expect(objects[1]["attention"] == .array([.string("never_checked")]))
            #expect(!status.stdout.contains(LifecycleSandbox.devKey) && !status.stdout.contains(LifecycleSandbox.prodKey))

            let table = try run.run(["status"], [:])
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 100 })
            #expect(lines[1].hasPrefix("   acme       default  api_key") && lines[1].contains("verified") && lines[1].contains("Dev Bot"))
            #expect(lines[2].hasPrefix("!  acme       prod     api_key") && lines[2].contains("never"))
            #expect(lines.last == "! acme (prod): never checked: run `lakeflow-auth probe acme --profile prod`")
            #expect(try run.run(["list"], [:]).status == 0)

            let one = try run.run(["status", "acme", "--json"], [:])
            #expect(try LifecycleSandbox.statusObjects(one.stdout).count == 2)
            let none = try run.run(["status", "beta"], [:])
            #expect(none.status == 5)
            #expect(none.stderr.contains(#"no stored credentials for "beta""#))
        }
    }

    @Test func anEmptyStoreIsAnEmptyList() throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let json = try run.run(["status", "--json"], [:])
        #expect(json.status == 0 && json.stdout == "[\n\n]\n" || json.stdout == "[]\n", "\(json.stdout)")
        let plain = try run.run(["status"], [:])
        #expect(plain.status == 0 && plain.stderr.contains("no stored credentials"))
    }

    /// GitHub announces a token's expiry on every answer; the check keeps it, and `status` warns.
    @Test func anExpiryTheSourceAnnouncesIsRecordedAndFlagged() async throws {
        let expiry = Date().addingTimeInterval(3 * 86_400 + 3600)
        let announced = UTCTimestamp.string(expiry).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
        let github = LoopbackServer { request in
            guard request.path == "/user", request.header("authorization") == "Bearer ghp_expiring_0123456789" else {
                return .respond(.json(401, ["message": "Bad credentials"]))
            }
            var answer = HTTPResponse.json(200, ["login": "octocat"])
            answer.headers.append(("GitHub-Authentication-Token-Expiration", announced))
            return .respond(answer)
        }
        let url = try await github.start()
        defer { Task { await github.stop() } }
        let run = HeadlessRun()
        defer { run.removeHome() }
        let saved = try run.run(["github", "--from-env"], ["GITHUB_TOKEN": "ghp_expiring_0123456789", "GITHUB_BASE_URL": url.absoluteString])
        #expect(saved.status == 0, "\(saved.stderr)")
        let objects = try LifecycleSandbox.statusObjects(try run.run(["status", "--json"], [:]).stdout)
        #expect(objects.first?["check"]?["expires_at"] == .string(UTCTimestamp.string(expiry)))
        #expect(objects.first?["check"]?["identity"] == .string("octocat"))
        #expect(objects.first?["attention"] == .array([.string("expiring")]))
        let table = try run.run(["status"], [:]).stdout
        #expect(table.contains("! github (default): expires in 4 days") || table.contains("! github (default): expires in 3 days"),
                "\(table)")
        #expect(table.contains(String(UTCTimestamp.string(expiry).prefix(10))))
    }
}
