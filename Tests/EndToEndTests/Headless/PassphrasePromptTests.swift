import Foundation
import PseudoTerminal
import Testing

/// A passphrase-protected identity, unlocked at a terminal prompt instead of `LAKEFLOW_AUTH_PASSPHRASE`.
/// Each attempt costs a scrypt at the identity's work factor: seconds on a busy machine.
@Suite(.timeLimit(.minutes(3)))
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

    /// Three tries, each wrong one said once; then a store error whose hint does not send the person
    /// to a variable they never set.
    @Test func threeWrongAnswersAreAStoreError() async throws {
        let run = try Self.protectedStore()
        defer { run.removeHome() }
        let terminal = try Self.show(run)
        try await terminal.expect("passphrase for ")
        terminal.sendLine("not-the-passphrase-1")
        try await terminal.expect("try again (attempt 2 of 3)")
        try await terminal.expect("passphrase for ")
        terminal.sendLine("not-the-passphrase-2")
        try await terminal.expect("try again (attempt 3 of 3)")
        try await terminal.expect("passphrase for ")
        terminal.sendLine("not-the-passphrase-3")
        #expect(try await terminal.waitForExit() == 5)
        #expect(terminal.output.contains("lakeflow-auth: error:"))
        #expect(terminal.output.contains("none of the 3 passphrases typed opens the identity file"))
        #expect(terminal.output.components(separatedBy: "attempt 2 of 3").count == 2, "each message once")
        #expect(!terminal.output.contains("LAKEFLOW_AUTH_PASSPHRASE"), "the variable is not set, so no hint names it")
        #expect(!terminal.output.contains("not-the-passphrase"))
    }

    @Test func theThirdAnswerMayBeTheRightOne() async throws {
        let run = try Self.protectedStore()
        defer { run.removeHome() }
        let terminal = try Self.show(run)
        for attempt in 1...2 {
            try await terminal.expect("passphrase for ")
            terminal.sendLine("wrong-\(attempt)")
            try await terminal.expect("attempt \(attempt + 1) of 3")
        }
        try await terminal.expect("passphrase for ")
        terminal.sendLine(Self.passphrase)
        try await terminal.expect("workspace")
        #expect(try await terminal.waitForExit() == 0)
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
