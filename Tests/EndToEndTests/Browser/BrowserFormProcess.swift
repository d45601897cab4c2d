import AcmeSandbox
import Foundation
import LakeflowAuthCore

/// `lakeflow-auth acme` serving its browser form without a terminal (pipes for stdin and stdout), in
/// a temporary home, its base URL aimed at the Acme sandbox.
final class BrowserFormProcess: @unchecked Sendable {
    let process = Process()
    let link: URL
    let home: String
    private let output: Pipe
    private let errors: Pipe

    init(arguments: [String], sandbox: URL) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-e2e-browser-\(UUID().uuidString)").path
        process.executableURL = try LakeflowAuthProcess.builtBinary()
        process.arguments = ["acme"] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": home, "LAKEFLOW_AUTH_HOME": home + "/store",
                               "ACME_BASE_URL": sandbox.absoluteString, "NO_COLOR": "1"]
        output = Pipe()
        errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let line = try WebDriver.readLine(containing: "http://", from: output.fileHandleForReading, timeout: .seconds(20))
        guard let link = URL(string: line) else { throw WebDriver.Failure(description: "not a link: \(line)") }
        self.link = link
    }

    /// Waits (bounded) for the process to end; its status, or nil if it had not ended in time.
    func exitStatus(within timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    var remainingOutput: String { String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
    var errorOutput: String { String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

    func stop() {
        WebDriver.end(process)
        try? FileManager.default.removeItem(atPath: home)
    }

    /// What was stored, read with the store as `show` would.
    var stored: CredentialEnvelope? {
        let store = CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": home + "/store"])
        return store.hasStored("acme") ? try? store.open("acme") : nil
    }
}
