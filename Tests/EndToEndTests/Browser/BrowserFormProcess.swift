import AcmeSandbox
import Foundation
import LakeflowAuthCore

/// `lakeflow-auth <connector>` serving its browser form without a terminal (pipes for stdin and
/// stdout), in a temporary home: acme with its base URL aimed at the Acme sandbox, or any connector
/// with the env vars given.
final class BrowserFormProcess: @unchecked Sendable {
    let process = Process()
    let link: URL
    let home: String
    let connector: String
    private let output: Pipe
    private let errors: Pipe

    convenience init(arguments: [String], sandbox: URL) throws {
        try self.init(connector: "acme", arguments: arguments, environment: ["ACME_BASE_URL": sandbox.absoluteString])
    }

    /// - Parameter prepare: runs with the store's folder (`LAKEFLOW_AUTH_HOME`) before the command starts.
    init(connector: String, arguments: [String], environment: [String: String], prepare: (String) throws -> Void = { _ in }) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-e2e-browser-\(UUID().uuidString)").path
        self.connector = connector
        try prepare(home + "/store")
        process.executableURL = try LakeflowAuthProcess.builtBinary()
        process.arguments = [connector] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": home, "LAKEFLOW_AUTH_HOME": home + "/store", "NO_COLOR": "1"]
            .merging(environment) { $1 }
        output = Pipe()
        errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let line = try WebDriver.readLine(containing: ["http://"], from: output.fileHandleForReading, timeout: .seconds(20))
        guard let link = URL(string: line) else { throw WebDriver.Failure(description: "not a link: \(line)") }
        self.link = link
    }

    deinit {
        output.closeBothEnds()
        errors.closeBothEnds()
    }

    /// Waits (bounded) for the process to end; its status, or nil if it had not ended in time.
    func exitStatus(within timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// The first line on stderr that holds `marker`, waiting (bounded) for it.
    func errorLine(containing marker: String) throws -> String {
        try WebDriver.readLine(containing: [marker], from: errors.fileHandleForReading, timeout: .seconds(10))
    }

    var remainingOutput: String { String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
    var errorOutput: String { String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

    func stop() {
        WebDriver.end(process)
        try? FileManager.default.removeItem(atPath: home)
    }

    /// What was stored, read with the store as `show` would; `passphrase` opens a protected identity.
    func stored(passphrase: String? = nil) -> CredentialEnvelope? {
        var environment = ["LAKEFLOW_AUTH_HOME": home + "/store"]
        environment[IdentityKeeper.passphraseVariable] = passphrase
        let store = CredentialStore(environment: environment)
        return store.hasStored(connector) ? try? store.open(connector) : nil
    }

    var stored: CredentialEnvelope? { stored() }
}
