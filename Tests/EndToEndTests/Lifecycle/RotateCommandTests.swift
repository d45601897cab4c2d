import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `rotate`: new secrets only, checked, stored, then every Unity Catalog connection made from the
/// credentials updated and read back; nothing changes in the workspace when the check fails.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct RotateCommandTests {
    /// dev stored and checked, its connection `acme_prod` created in a fake workspace.
    static func withConnection(_ body: (HeadlessRun, AcmeSandboxServer, FakeDatabricks, URL) async throws -> Void) async throws {
        try await HeadlessRun.withSandbox(LifecycleSandbox.configuration) { run, server, url in
            let saved = try run.run(["acme", "--from-env"], LifecycleSandbox.acme(url, workspace: "team-dev", key: LifecycleSandbox.devKey))
            try #require(saved.status == 0, "\(saved.stderr)")
            let fake = FakeDatabricks()
            let workspace = try await fake.start()
            do {
                let created = try run.run(["connection", "create", "acme", "acme_prod"], ConnectionCommandTests.tokenEnvironment(workspace))
                try #require(created.status == 0, "\(created.stderr)")
                try await body(run, server, fake, workspace)
            } catch {
                await fake.stop()
                throw error
            }
            await fake.stop()
        }
    }

    @Test func aPushIsRememberedWithTheCredentials() async throws {
        try await Self.withConnection { run, _, _, workspace in
            let stored = try run.store.open("acme")
            #expect(stored.connections.map(\.name) == ["acme_prod"])
            #expect(stored.connections.first?.host == workspace.absoluteString)
            let status = try LifecycleSandbox.statusObjects(try run.run(["status", "--json"], [:]).stdout)
            #expect(LifecycleSandbox.firstConnection(status.first)?["name"] == .string("acme_prod"))
            #expect(LifecycleSandbox.firstConnection(status.first)?["host"] == .string(workspace.absoluteString))
            #expect(!(try run.run(["status", "--json"], [:]).stdout.contains(FakeDatabricks.personalToken)))
            let envelope = try run.run(["show", "acme", "--json", "--reveal"], [:]).stdout
            #expect(envelope.contains(#""connections": ["#) && envelope.contains(#""name": "acme_prod""#))
            #expect(!envelope.contains(FakeDatabricks.personalToken), "the Databricks token is never recorded")
            let shown = try run.run(["show", "acme"], [:]).stdout
            #expect(shown.contains("\nunity catalog connections:\n  acme_prod in \(workspace.absoluteString), pushed 20"))
        }
    }

    @Test func rotateUpdatesTheConnectionAndReadsItBack() async throws {
        try await Self.withConnection { run, _, fake, workspace in
            // The workspace's env var is set too, and ignored: only secrets change in a rotation.
            let rotated = try run.run(["rotate", "acme", "--from-env"], ConnectionCommandTests.tokenEnvironment(workspace).merging([
                "ACME_API_KEY": LifecycleSandbox.devNextKey, "ACME_WORKSPACE": "team-prod",
            ]) { $1 })
            #expect(rotated.status == 0, "\(rotated.stderr)")
            #expect(rotated.stdout.contains("connected to Acme as Dev Bot"))
            #expect(rotated.stdout.contains("Updated connection acme_prod in 127.0.0.1; read back, its options are as sent "
                + "(api_key not compared: Databricks never returns secret values)"))
            #expect(fake.requests.suffix(2).map(\.method) == ["PATCH", "GET"])
            #expect(fake.options(of: "acme_prod")?["api_key"] == LifecycleSandbox.devNextKey)
            #expect(fake.options(of: "acme_prod")?["workspace"] == "team-dev")
            let stored = try run.store.open("acme")
            #expect(JSONValue.object(stored.options)["api_key"] == .string(LifecycleSandbox.devNextKey))
            #expect(JSONValue.object(stored.options)["workspace"] == .string("team-dev"))
            #expect(stored.connections.first?.comparison?.inSync == true)
            #expect(!(rotated.stdout + rotated.stderr).contains(LifecycleSandbox.devNextKey))
        }
    }

    @Test func aRotationThatFailsItsCheckChangesNothing() async throws {
        try await Self.withConnection { run, _, fake, workspace in
            let before = try run.store.open("acme")
            let sent = fake.requests.count
            let rejected = try run.run(["rotate", "acme", "--from-env"], ConnectionCommandTests.tokenEnvironment(workspace).merging([
                "ACME_API_KEY": "acme-wrong-key-9999",
            ]) { $1 })
            #expect(rejected.status == 3, "\(rejected.stderr)")
            #expect(rejected.stderr.contains("rejected by Acme (HTTP 401)"))
            #expect(fake.requests.count == sent, "nothing was sent to the workspace")
            #expect(fake.options(of: "acme_prod")?["api_key"] == LifecycleSandbox.devKey)
            #expect(try run.store.open("acme") == before)
        }
    }

    @Test func aRotationFromTheEnvironmentNeedsANewSecret() async throws {
        try await Self.withConnection { run, _, fake, workspace in
            let sent = fake.requests.count
            let result = try run.run(["rotate", "acme", "--from-env"], ConnectionCommandTests.tokenEnvironment(workspace))
            #expect(result.status == 2)
            #expect(result.stderr.contains("lakeflow-auth: error: no new secret for acme: none of ACME_API_KEY is set"))
            #expect(fake.requests.count == sent)
        }
    }

    @Test func aConnectionWhoseWorkspaceCannotBeReachedIsNamed() async throws {
        try await Self.withConnection { run, _, _, _ in
            let result = try run.run(["rotate", "acme", "--from-env"], ConnectionCommandTests.noDatabricks.merging([
                "HOME": run.home, "ACME_API_KEY": LifecycleSandbox.devNextKey,
            ]) { $1 })
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("lakeflow-auth: error: the new credentials of acme are stored, but 1 connection was not confirmed updated: acme_prod"))
            #expect(result.stdout.contains("connection acme_prod in 127.0.0.1: no Databricks credentials found for the workspace http://127.0.0.1:"))
            #expect(JSONValue.object(try run.store.open("acme").options)["api_key"] == .string(LifecycleSandbox.devNextKey))
        }
    }

    @Test func nothingStoredIsAStoreError() throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let result = try run.run(["rotate", "acme", "--from-env"], ["ACME_API_KEY": "x"])
        #expect(result.status == 5)
        #expect(result.stderr.contains(#"no stored credentials for "acme""#))
    }
}
