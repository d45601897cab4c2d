import Foundation
import PseudoTerminal
import Testing

/// `lakeflow-auth demo`, the README's first command, run as a newcomer would: it must work from any
/// folder and leave nothing behind unless asked to.
@Suite(.serialized)
struct DemoTests {
    /// Runs the demo through the api_key flow and returns its output once it has exited 0.
    static func completeDemo(_ arguments: [String], in folder: String) async throws -> String {
        let terminal = try PseudoTerminal(executable: try LakeflowAuthProcess.builtBinary().path, arguments: ["demo"] + arguments,
                                          environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                                        "TERM": "dumb", "NO_COLOR": "1", "HOME": folder])
        try await terminal.expect("Auth method (1-2): ")
        terminal.sendLine("1")
        try await terminal.expect("\napi_key: ")
        terminal.sendLine("acme-demo-key-0001")
        try await terminal.expect("workspace: ")
        terminal.sendLine("demo-workspace")
        try await terminal.expect("base_url [http://127.0.0.1:")
        terminal.sendLine("")
        try await terminal.expect("region [us]: ")
        terminal.sendLine("")
        try await terminal.expect("Connected to Acme as Demo Analyst")
        #expect(try await terminal.waitForExit() == 0)
        return terminal.output
    }

    static func home(in output: String) throws -> String {
        let line = try #require(output.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Credentials go to ") })
        return String(line.dropFirst("Credentials go to ".count).prefix { $0 != "," })
    }

    @Test func theDemoRemovesItsHomeAndSaysSo() async throws {
        let fixture = StoreFixture()
        let output = try await Self.completeDemo([], in: fixture.folder)
        let home = try Self.home(in: output)
        #expect(output.contains("removed when the demo ends (--keep keeps it)"))
        #expect(output.contains("Removed the demo's temporary home \(home)"))
        #expect(!output.contains("identity.txt"), "a throwaway identity is no one's to back up")
        #expect(!FileManager.default.fileExists(atPath: home))
    }

    @Test func keepLeavesTheHomeAndAShowLineThatWorks() async throws {
        let fixture = StoreFixture()
        let output = try await Self.completeDemo(["--keep"], in: fixture.folder)
        let home = try Self.home(in: output)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try LakeflowAuthProcess.builtBinary().path
        #expect(output.contains("Kept \(home). See what was stored: LAKEFLOW_AUTH_HOME=\(home) \(binary) show acme"))
        let show = try fixture.run(binary, ["show", "acme"], environment: ["LAKEFLOW_AUTH_HOME": home])
        #expect(show.status == 0)
        #expect(show.stdout.contains("status: verified (HTTP 200, as Demo Analyst)"))
    }
}
