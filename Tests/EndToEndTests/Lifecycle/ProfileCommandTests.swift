import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `--profile` (and `LAKEFLOW_AUTH_PROFILE`) on every command: two credential sets of one connector
/// set up, checked, handed out and removed apart from each other.
@Suite(.timeLimit(.minutes(2)))
struct ProfileCommandTests {
    @Test func twoProfilesAreKeptApart() async throws {
        try await HeadlessRun.withSandbox(LifecycleSandbox.configuration) { run, _, url in
            try LifecycleSandbox.storeDevAndProd(run, url)
            #expect(FileManager.default.fileExists(atPath: run.home + "/credentials/acme.age"))
            #expect(FileManager.default.fileExists(atPath: run.home + "/credentials/acme@prod.age"))

            #expect(try run.run(["export", "acme"], [:]).stdout.contains(#""api_key":"\#(LifecycleSandbox.devKey)""#))
            #expect(try run.run(["export", "acme", "--profile", "prod"], [:]).stdout.contains(#""workspace":"team-prod""#))
            #expect(try run.run(["export", "acme"], ["LAKEFLOW_AUTH_PROFILE": "prod"]).stdout.contains(LifecycleSandbox.prodKey))
            #expect(try run.run(["export", "acme", "--profile", "default"], ["LAKEFLOW_AUTH_PROFILE": "prod"]).stdout
                .contains(LifecycleSandbox.devKey), "the flag wins over the env var")
            let exec = try run.run(["exec", "acme", "--profile", "prod", "--", "sh", "-c", #"printf %s "$ACME_API_KEY""#], [:])
            #expect(exec.status == 0 && exec.stdout == LifecycleSandbox.prodKey)
            let shown = try run.run(["show", "acme", "--profile", "prod"], [:])
            #expect(shown.stdout.hasPrefix("connector: acme\nprofile: prod\nauth method: api_key\n"))
            #expect(shown.stdout.contains("workspace: team-prod") && !shown.stdout.contains(LifecycleSandbox.prodKey))

            let list = try run.run(["list"], [:]).stdout.split(separator: "\n")
            #expect(list.count == 3)
            #expect(list[0].hasPrefix("CONNECTOR  PROFILE  AUTH METHOD  SAVED"))
            #expect(list[1].hasPrefix("acme       default  api_key      ") && list[1].contains("as Dev Bot"))
            #expect(list[2].hasPrefix("acme       prod     api_key      ") && list[2].contains("as Prod Bot"))

            let probe = try run.run(["probe", "acme", "--profile", "prod"], [:])
            #expect(probe.status == 0, "\(probe.stderr)")
            #expect(probe.stdout.hasPrefix("connected to Acme as Prod Bot"))

            let removed = try run.run(["rm", "acme", "--profile", "prod", "--yes"], [:])
            #expect(removed.status == 0 && removed.stderr.contains("acme@prod.age"))
            #expect(try run.run(["export", "acme", "--profile", "prod"], [:]).status == 5)
            #expect(try run.run(["export", "acme"], [:]).stdout.contains(LifecycleSandbox.devKey))
        }
    }

    @Test(arguments: ["../prod", ".hidden", "a/b", "prod.old", "pr od", String(repeating: "p", count: 65)])
    func aBadProfileNameIsRefusedBeforeAnythingIsAskedOrStored(name: String) throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let setup = try run.run(["acme", "--from-env", "--no-probe", "--profile", name],
                                ["ACME_WORKSPACE": "team-dev", "ACME_API_KEY": LifecycleSandbox.devKey])
        #expect(setup.status == 2)
        #expect(setup.stderr.hasPrefix("lakeflow-auth: error: --profile: \""))
        #expect(setup.stderr.contains("is not a profile name\nlakeflow-auth: hint: a profile name is 1 to 64 letters"))
        #expect(!FileManager.default.fileExists(atPath: run.home + "/credentials"))
        for command in [["show", "acme"], ["export", "acme"], ["rm", "acme"], ["probe", "acme"], ["rotate", "acme", "--from-env"],
                        ["connection", "status", "acme", "acme_prod"]] {
            let result = try run.run(command + ["--profile", name], [:])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.contains("is not a profile name"), "\(command): \(result.stderr)")
        }
        let fromEnv = try run.run(["export", "acme"], ["LAKEFLOW_AUTH_PROFILE": name])
        #expect(fromEnv.status == 2)
        #expect(fromEnv.stderr.hasPrefix("lakeflow-auth: error: LAKEFLOW_AUTH_PROFILE: \""))
    }

    @Test func aMissingProfileSaysWhichOnesThereAre() async throws {
        try await HeadlessRun.withSandbox(LifecycleSandbox.configuration) { run, _, url in
            try LifecycleSandbox.storeDevAndProd(run, url)
            let result = try run.run(["show", "acme", "--profile", "prdo"], [:])
            #expect(result.status == 5)
            #expect(result.stderr == """
                lakeflow-auth: error: no stored credentials for "acme" under profile "prdo"; did you mean "prod"?
                lakeflow-auth: hint: acme has the profiles default, prod
                lakeflow-auth: hint: run `lakeflow-auth acme --profile prdo` to set this one up

                """)
        }
    }

    /// `--profile` on `connection` names the credential profile now; the Databricks profile moved to
    /// `--databricks-profile`. An old command line fails on the missing profile, naming it.
    @Test func connectionsProfileIsTheCredentialProfile() async throws {
        try await HeadlessRun.withSandbox(LifecycleSandbox.configuration) { run, _, url in
            try LifecycleSandbox.storeDevAndProd(run, url)
            let old = try run.run(["connection", "create", "acme", "acme_prod", "--profile", "robot", "--dry-run"], [:])
            #expect(old.status == 5)
            #expect(old.stderr.contains(#"no stored credentials for "acme" under profile "robot""#))
            let dryRun = try run.run(["connection", "create", "acme", "acme_prod", "--profile", "prod", "--dry-run"], [:])
            #expect(dryRun.status == 0, "\(dryRun.stderr)")
            #expect(dryRun.stdout.contains(#""workspace": "team-prod""#))
        }
    }
}
