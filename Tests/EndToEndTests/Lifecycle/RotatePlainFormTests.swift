import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `rotate --plain` at a terminal: the identity's passphrase asked once, then only the secret options.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct RotatePlainFormTests {
    static let configuration = AcmeSandboxConfiguration(workspaces: [
        .init(slug: "team-dev", users: [.init(username: "robot", password: "old-password-0001", accountName: "Robot"),
                                        .init(username: "robot", password: "new-password-0002", accountName: "Robot")]),
    ])

    @Test func onlyTheSecretIsAskedAndTheRestIsKept() async throws {
        let sandbox = AcmeSandboxServer(configuration: Self.configuration)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let home = WizardRun.newHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let saved = try LakeflowAuthProcess.run(["acme", "--from-env", "--profile", "ops"], environment: [
            "LAKEFLOW_AUTH_HOME": home, "LAKEFLOW_AUTH_PASSPHRASE": "correct horse",
            "ACME_WORKSPACE": "team-dev", "ACME_USERNAME": "robot", "ACME_PASSWORD": "old-password-0001",
            "ACME_BASE_URL": url.absoluteString, "ACME_REGION": "eu",
        ])
        try #require(saved.status == 0, "\(saved.stderr)")
        let run = try WizardRun(["rotate", "acme", "--plain", "--profile", "ops"], home: home)
        let terminal = run.terminal

        try await terminal.expect("passphrase for ")
        terminal.sendLine("correct horse")
        try await terminal.expect("Acme: 1 required and 0 optional options.")
        try await terminal.expect("password [••••")
        terminal.sendLine("new-password-0002")
        try await terminal.expect("Connected to Acme as Robot")
        try await terminal.expect("no Unity Catalog connection was made from these credentials")
        #expect(try await terminal.waitForExit() == 0)

        #expect(terminal.output.components(separatedBy: "passphrase for ").count == 2, "asked once")
        #expect(!terminal.output.contains("username") && !terminal.output.contains("workspace ["))
        #expect(!terminal.output.contains("new-password-0002"))
        let store = CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": run.home, "LAKEFLOW_AUTH_PASSPHRASE": "correct horse"])
        let rotated = try store.open("acme", profile: "ops")
        #expect(JSONValue.object(rotated.options) == .object([
            ("username", .string("robot")), ("password", .string("new-password-0002")), ("workspace", .string("team-dev")),
            ("base_url", .string(url.absoluteString)), ("region", .string("eu")),
        ]))
        #expect(rotated.probe?.verdict == .verified)
    }
}
