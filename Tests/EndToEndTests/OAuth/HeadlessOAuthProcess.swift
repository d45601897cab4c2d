import FakeOAuthProvider
import Foundation
import LakeflowAuthCore

/// `lakeflow-auth <fixture> --from-env` for the OAuth fixtures, in a home of its own: it runs while the
/// test reads the authorization link it prints and browses it, as the person setting up CI would.
final class HeadlessOAuthProcess: @unchecked Sendable {
    static func fixture(_ connector: String) -> String {
        LakeflowAuthProcess.packageRoot.appendingPathComponent("Tests/Fixtures/\(connector)/options.yaml").path
    }

    let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-e2e-oauth-\(UUID().uuidString)").path
    let connector: String
    private var process: Process?
    private var output = Pipe()
    private var errors = Pipe()

    init(_ connector: String) {
        self.connector = connector
    }

    var store: CredentialStore { CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": home]) }
    var stored: CredentialEnvelope? { store.hasStored(connector) ? try? store.open(connector) : nil }

    /// Runs a command to its end (no link to follow).
    func run(_ arguments: [String], _ environment: [String: String]) throws -> LakeflowAuthProcess.Result {
        try LakeflowAuthProcess.run(arguments + ["--spec", Self.fixture(connector)],
                                    environment: environment.merging(["LAKEFLOW_AUTH_HOME": home]) { $1 })
    }

    /// Starts `--from-env` (or `command`, with the fixture's `--spec`) and returns the first line of
    /// stdout, which should be the authorization link.
    func startAndReadLink(_ environment: [String: String], extra: [String] = [], command: [String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = try LakeflowAuthProcess.builtBinary()
        process.arguments = (command ?? [connector, "--from-env"]) + ["--spec", Self.fixture(connector)] + extra
        process.environment = ["PATH": "/usr/bin:/bin", "LAKEFLOW_AUTH_HOME": home, "NO_COLOR": "1"].merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        self.process = process
        let handle = output.fileHandleForReading
        let deadline = ContinuousClock.now + .seconds(20)
        var text = ""
        while ContinuousClock.now < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let newline = text.firstIndex(of: "\n") { return String(text[..<newline]) }
        }
        return text
    }

    /// The status once the process ends (bounded), then the rest of stdout and all of stderr.
    func finish(within timeout: Duration = .seconds(30)) -> (status: Int32?, stdout: String, stderr: String) {
        guard let process else { return (nil, "", "") }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return (nil, "", "")
        }
        return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    func removeHome() {
        if let process, process.isRunning { process.terminate(); process.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: home)
    }
}
