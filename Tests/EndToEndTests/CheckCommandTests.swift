import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Testing

/// The built-in checks from the command line: `--dry-run` before anything is sent, the check an
/// upstream checkout's spec gets, and what `connectors` and `spec inspect` say of them.
@Suite(.timeLimit(.minutes(2)))
struct CheckCommandTests {
    static let token = "ghp_0123456789abcdefghij"

    /// Exactly one object on stdout, the token masked, nothing stored, no identity made.
    @Test func dryRunPrintsTheRequestsAndSendsAndStoresNothing() throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let result = try run.run(["github", "--from-env", "--dry-run", "--json"], ["GITHUB_TOKEN": Self.token])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == #"{"connector":"github","auth_method":null,"check":{"source":"built-in","requests":[{"method":"GET","url":"https://api.github.com/user","headers":{"Authorization":"Bearer ••••ghij","Accept":"application/vnd.github+json"},"body":null}],"expect":[200],"identity":"/login"},"no_check":null}"# + "\n")
        #expect(result.stderr == "lakeflow-auth: dry run: nothing was sent or saved\n")
        #expect(!FileManager.default.fileExists(atPath: run.home))

        let human = try run.run(["github", "--from-env", "--dry-run"], ["GITHUB_TOKEN": Self.token])
        #expect(human.status == 0)
        #expect(human.stdout == """
            GitHub: the built-in check would send, in order:
              1. GET https://api.github.com/user
                   Authorization: Bearer ••••ghij
                   Accept: application/vnd.github+json
            HTTP 200 from the last means the credentials work; /login names who they connect as

            """)
        #expect(!human.stdout.contains(Self.token) && !human.stderr.contains(Self.token))
        let revealed = try run.run(["github", "--from-env", "--dry-run", "--reveal"], ["GITHUB_TOKEN": Self.token])
        #expect(revealed.stdout.contains("Authorization: Bearer \(Self.token)"))
        #expect(!FileManager.default.fileExists(atPath: run.home))
    }

    @Test(arguments: [["github", "--from-env", "--reveal"], ["github", "--from-env", "--reveal", "--json"], ["github", "--dry-run", "--no-probe"]])
    func dryRunFlagsGoTogether(arguments: [String]) throws {
        let result = try LakeflowAuthProcess.run(arguments, environment: ["GITHUB_TOKEN": Self.token])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: "))
    }

    /// A value missing in CI is the same error a real run gives, and a bad key exits 2 naming it.
    @Test func dryRunRefusesWhatARunWouldRefuse() throws {
        let missing = try LakeflowAuthProcess.run(["github", "--from-env", "--dry-run"], environment: [:])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("GITHUB_TOKEN"))
        let plainHTTP = try LakeflowAuthProcess.run(["github", "--from-env", "--dry-run"],
                                                    environment: ["GITHUB_TOKEN": Self.token, "GITHUB_BASE_URL": "http://ghe.example.com"])
        #expect(plainHTTP.status == 2)
        #expect(plainHTTP.stderr.contains("without https"))
        #expect(!plainHTTP.stderr.contains(Self.token))
    }

    /// The form fills the values; submitting prints the plan instead of checking, and asks no passphrase.
    @Test func aFormEndsInTheDryRunWhenItIsSubmitted() async throws {
        let run = try WizardRun(["github", "--plain", "--dry-run"], environment: ["LAKEFLOW_AUTH_PASSPHRASE": ""])
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("get it at https://github.com/settings/")
        try await terminal.expect("\ntoken: ")
        terminal.sendLine(Self.token)
        try await terminal.expect("base_url [https://api.github.com]: ")
        terminal.sendLine("")
        try await terminal.expect("Authorization: Bearer ••••ghij")
        #expect(try await terminal.waitForExit() == 0)
        #expect(!terminal.output.contains(Self.token))
        #expect(!FileManager.default.fileExists(atPath: run.home))
    }

    /// A spec file (or a checkout) whose default points elsewhere: the built-in check still goes to
    /// GitHub, or to the address the person gave.
    @Test func aHostileSpecDefaultDoesNotRedirectTheBuiltInCheck() throws {
        let fixture = StoreFixture()
        try FileManager.default.createDirectory(atPath: fixture.folder + "/specs/github", withIntermediateDirectories: true)
        try """
            display_name: GitHub
            options:
              - name: token
                secret: true
                required: true
              - name: base_url
                type: url
                default: https://collector.evil.example
            """.write(toFile: fixture.folder + "/specs/github/options.yaml", atomically: false, encoding: .utf8)
        let here = URL(fileURLWithPath: fixture.folder)
        let result = try LakeflowAuthProcess.run(["github", "--from-env", "--dry-run", "--json", "--reveal"],
                                                 environment: ["GITHUB_TOKEN": Self.token], workingDirectory: here)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""url":"https://api.github.com/user""#))
        #expect(!result.stdout.contains("evil"))
        let typed = try LakeflowAuthProcess.run(["github", "--from-env", "--dry-run", "--json"],
                                                environment: ["GITHUB_TOKEN": Self.token, "GITHUB_BASE_URL": "https://ghe.example.com/api/v3"],
                                                workingDirectory: here)
        #expect(typed.stdout.contains(#""url":"https://ghe.example.com/api/v3/user""#))
    }

    /// The issue's case: inside a checkout of lakeflow-community-connectors, upstream's github spec
    /// (no probe of its own) gets the built-in check, and a good token is stored verified, naming who.
    @Test func anUpstreamCheckoutsGithubIsCheckedAndStoredVerified() async throws {
        let fixture = StoreFixture()
        let sources = fixture.folder + "/checkout/src/databricks/labs/community_connector/sources/github"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        try """
            display_name: GitHub
            connection:
              parameters:
                - name: token
                  type: string
                  required: true
                  secret: true
                - name: base_url
                  type: string
                  required: false
            external_options_allowlist: "owner,repo"
            """.write(toFile: sources + "/connector_spec.yaml", atomically: false, encoding: .utf8)
        let api = LoopbackServer { request in
            guard request.path == "/user", request.header("authorization") == "Bearer \(Self.token)",
                  request.header("accept") == "application/vnd.github+json" else {
                return .respond(.json(401, ["message": "Bad credentials"]))
            }
            return .respond(.json(200, ["login": "octocat"]))
        }
        let url = try await api.start()
        defer { Task { await api.stop() } }
        let home = fixture.folder + "/home"
        let result = try LakeflowAuthProcess.run(["github", "--from-env"], environment: [
            "GITHUB_TOKEN": Self.token, "GITHUB_BASE_URL": url.absoluteString, "LAKEFLOW_AUTH_HOME": home,
        ], workingDirectory: URL(fileURLWithPath: fixture.folder + "/checkout"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("connected to GitHub as octocat (HTTP 200, "))
        let stored = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": home]).open("github")
        #expect(stored.probe?.ok == true && stored.probe?.identity == "octocat")

        let listed = try LakeflowAuthProcess.run(["connectors"], workingDirectory: URL(fileURLWithPath: fixture.folder + "/checkout"))
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("github ") && $0.contains("GET /user") && $0.hasSuffix("checkout") })
        #expect(lines.contains("checkout: ./src/databricks/labs/community_connector/sources/<name>/"))
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
    }

    @Test func specInspectShowsEachChecksTemplateAndWhereItCameFrom() throws {
        let root = URL(fileURLWithPath: "/")
        let github = try JSONParser.parse(Array(try LakeflowAuthProcess.run(["spec", "inspect", "github", "--json"], workingDirectory: root).stdout.utf8))
        #expect(github["check"]?["source"] == .string("built-in"))
        #expect(github["check"]?["requests"]?.serialized().contains(#""url":"{base_url}/user""#) == true)
        #expect(github["check"]?["identity"] == .string("/login"))
        let collibra = try LakeflowAuthProcess.run(["spec", "inspect", "collibra", "--json"], workingDirectory: root)
        #expect(collibra.status == 0, "\(collibra.stderr)")
        guard case let .array(methods)? = try JSONParser.parse(Array(collibra.stdout.utf8))["auth_methods"] else {
            Issue.record("no auth_methods in \(collibra.stdout)")
            return
        }
        #expect(methods.compactMap { $0["check"]?["source"]?.stringValue } == ["built-in", "built-in"])
        #expect(methods.allSatisfy { $0["check"]?["values"] != nil }, "collibra's base address is a derived value")
        let acme = try LakeflowAuthProcess.run(["spec", "inspect", "acme", "--json"], workingDirectory: root)
        #expect(acme.stdout.contains(#""source": "spec""#))
    }
}
