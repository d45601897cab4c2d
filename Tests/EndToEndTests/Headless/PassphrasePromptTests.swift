import Foundation
import PseudoTerminal
import Testing

/// A passphrase-protected identity, unlocked at a terminal prompt instead of `LAKEFLOW_AUTH_PASSPHRASE`.
@Suite(.timeLimit(.minutes(1)))
struct PassphrasePromptTests {
    static let passphrase = "correct-horse-77"

    /// A store whose identity is protected by `passphrase`, holding acme's credentials.
    static func protectedStore() throws -> HeadlessRun {
        let run = HeadlessRun()
        let saved = try run.run(["acme", "--from-env", "--no-probe"], [
            "LAKEFLOW_AUTH_PASSPHRASE": passphrase, "ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001",
        ])
        try #require(saved.status == 0, "\(saved.stderr)")
        return run
    }

    static func show(_ run: HeadlessRun) throws -> PseudoTerminal {
        let executable = try LakeflowAuthProcess.builtBinary().path
        return try PseudoTerminal(executable: executable, arguments: ["show", "acme"], environment: [
            "PATH": "/usr/bin:/bin", "LAKEFLOW_AUTH_HOME": run.home, "NO_COLOR": "1", "TERM": "dumb",
        ])
    }

    @Test func thePromptUnlocksTheIdentityWithoutEchoingThePassphrase() async throws {
        let run = try Self.protectedStore()
        defer { run.removeHome() }
        let terminal = try Self.show(run)
        try await terminal.expect("passphrase for ")
        #expect(!terminal.echoes)
        terminal.sendLine(Self.passphrase)
        try await terminal.expect("workspace")
        #expect(try await terminal.waitForExit() == 0)
        #expect(!terminal.output.contains(Self.passphrase))
        #expect(terminal.echoes)
    }

    @Test func aWrongAnswerIsAStoreError() async throws {
        let run = try Self.protectedStore()
        defer { run.removeHome() }
        let terminal = try Self.show(run)
        try await terminal.expect("passphrase for ")
        terminal.sendLine("not-the-passphrase")
        #expect(try await terminal.waitForExit() == 5)
        #expect(terminal.output.contains("lakeflow-auth: error:"))
    }

    @Test func ctrlCAtThePromptLeavesATerminalThatEchoes() async throws {
        let run = try Self.protectedStore()
        defer { run.removeHome() }
        let terminal = try Self.show(run)
        try await terminal.expect("passphrase for ")
        terminal.send("correct-")
        terminal.sendInterrupt()
        #expect(try await terminal.waitForExit() == 130)
        #expect(terminal.echoes)
        #expect(!terminal.output.contains("correct-"))
    }
}
