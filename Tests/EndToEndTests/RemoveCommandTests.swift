import Foundation
import PseudoTerminal
import Testing

/// `rm` asks at a terminal and goes ahead only on a yes; `--yes` skips the question; without a
/// terminal it is refused unless `--yes` says so.
struct RemoveCommandTests {
    /// A store holding acme's credentials, and `lakeflow-auth rm …` started on a terminal of its own.
    static func removal(_ arguments: [String]) throws -> (StoreFixture, PseudoTerminal) {
        let fixture = StoreFixture()
        try fixture.sealWithAge(SampleEnvelope.json(), connector: "acme")
        let terminal = try PseudoTerminal(executable: try LakeflowAuthProcess.builtBinary().path, arguments: ["rm"] + arguments,
                                          environment: fixture.environment.merging(["TERM": "dumb"]) { $1 })
        return (fixture, terminal)
    }

    static func isStored(_ fixture: StoreFixture) -> Bool {
        FileManager.default.fileExists(atPath: fixture.credentials + "/acme.age")
    }

    @Test func atATerminalAYesRemoves() async throws {
        let (fixture, terminal) = try Self.removal(["acme"])
        try await terminal.expect("Delete the stored credentials of acme (\(fixture.credentials)/acme.age)? [y/N] ")
        #expect(Self.isStored(fixture), "nothing is removed before the answer")
        terminal.sendLine("y")
        #expect(try await terminal.waitForExit() == 0)
        #expect(terminal.output.contains("lakeflow-auth: removed \(fixture.credentials)/acme.age"))
        #expect(!Self.isStored(fixture))
    }

    @Test(arguments: ["", "n", "no", "yess"])
    func atATerminalAnythingElseKeepsThem(_ answer: String) async throws {
        let (fixture, terminal) = try Self.removal(["acme"])
        try await terminal.expect("[y/N] ")
        terminal.sendLine(answer)
        #expect(try await terminal.waitForExit() == 130)
        #expect(terminal.output.contains("lakeflow-auth: error: cancelled; the credentials of \"acme\" were kept"))
        #expect(Self.isStored(fixture))
        #expect(terminal.echoes)
    }

    @Test func ctrlCAtTheQuestionKeepsThem() async throws {
        let (fixture, terminal) = try Self.removal(["acme"])
        try await terminal.expect("[y/N] ")
        terminal.sendInterrupt()
        #expect(try await terminal.waitForExit() == 130)
        #expect(terminal.output.contains("were kept"))
        #expect(Self.isStored(fixture))
        #expect(terminal.echoes)
    }

    @Test func yesSkipsTheQuestion() async throws {
        let (fixture, terminal) = try Self.removal(["acme", "--yes"])
        #expect(try await terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("[y/N]"))
        #expect(!Self.isStored(fixture))
    }

    @Test func withoutATerminalItIsRefusedUnlessYes() throws {
        let fixture = StoreFixture()
        try fixture.sealWithAge(SampleEnvelope.json(), connector: "acme")
        let refused = try fixture.lakeflowAuth(["rm", "acme"])
        #expect(refused.status == 2)
        #expect(refused.stderr == """
            lakeflow-auth: error: not removing the credentials of "acme" unasked: there is no terminal to ask on
            lakeflow-auth: hint: run `lakeflow-auth rm acme --yes` to remove them

            """)
        #expect(Self.isStored(fixture))
        let removed = try fixture.lakeflowAuth(["rm", "-y", "acme"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!Self.isStored(fixture))
    }

    @Test func nothingStoredIsSaidWithoutAQuestion() async throws {
        let (fixture, terminal) = try Self.removal(["acem"])
        #expect(try await terminal.waitForExit() == 5)
        #expect(!terminal.output.contains("[y/N]"))
        #expect(terminal.output.contains("no stored credentials for \"acem\"; did you mean \"acme\"?"))
        #expect(Self.isStored(fixture))
    }
}
