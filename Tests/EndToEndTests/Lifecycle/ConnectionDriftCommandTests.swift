import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `connection status`: the workspace's connection compared with the stored credentials, by option
/// name; secret values are never returned by Databricks, which it says; `status` keeps the last state.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ConnectionDriftCommandTests {
    @Test func aChangeOnTheWorkspaceSideIsShownAsDrift() async throws {
        try await RotateCommandTests.withConnection { run, _, fake, workspace in
            let environment = ConnectionCommandTests.tokenEnvironment(workspace)
            let inSync = try run.run(["connection", "status", "acme", "acme_prod", "--json"], environment)
            #expect(inSync.status == 0, "\(inSync.stderr)")
            let first = try JSONParser.parse(Array(inSync.stdout.utf8))
            #expect(first["in_sync"] == .bool(true))
            #expect(first["differs"] == .array([]))
            #expect(first["not_compared"] == .array([.string("api_key")]))
            #expect(first["note"] == .string("Databricks never returns the values of secret options, so api_key is not compared"))
            #expect(fake.requests.last?.method == "GET")

            fake.change("region", to: "eu", in: "acme_prod")
            let drifted = try run.run(["connection", "status", "acme", "acme_prod"], environment)
            #expect(drifted.status == 0, "\(drifted.stderr)")
            #expect(drifted.stdout == """
                acme_prod in 127.0.0.1: differs from the stored credentials of acme in region
                Databricks never returns the values of secret options, so api_key is not compared

                """)
            let status = try LifecycleSandbox.statusObjects(try run.run(["status", "--json"], [:]).stdout)
            #expect(LifecycleSandbox.firstConnection(status.first)?["in_sync"] == .bool(false))
            #expect(LifecycleSandbox.firstConnection(status.first)?["differs"] == .array([.string("region")]))
            #expect(status.first?["attention"] == .array([.string("connection_differs")]))
            let table = try run.run(["status"], [:]).stdout
            #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 })
            #expect(table.contains("acme_prod (drift)\n"))
            #expect(table.replacingOccurrences(of: "\n  ", with: " ").contains("! acme (default): the connection acme_prod in 127.0.0.1 differs in region: run "
                + "`lakeflow-auth connection update acme acme_prod`"))

            let repaired = try run.run(["connection", "update", "acme", "acme_prod"], environment)
            #expect(repaired.status == 0)
            let again = try run.run(["connection", "status", "acme", "acme_prod", "--json"], environment)
            #expect(try JSONParser.parse(Array(again.stdout.utf8))["in_sync"] == .bool(true))
        }
    }

    @Test func aConnectionThatIsNotThereSaysToCreateIt() async throws {
        try await RotateCommandTests.withConnection { run, _, _, workspace in
            let result = try run.run(["connection", "status", "acme", "elsewhere"], ConnectionCommandTests.tokenEnvironment(workspace))
            #expect(result.status == 2)
            #expect(result.stderr.contains("RESOURCE_DOES_NOT_EXIST"))
            #expect(result.stderr.contains("connection create"))
        }
    }
}
