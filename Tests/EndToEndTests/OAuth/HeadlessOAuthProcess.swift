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
    /// Standard input as a pipe the test writes to (`paste`), instead of `/dev/null` as in CI.
    private var input: Pipe?

    init(_ connector: String) {
        self.connector = connector
    }

    deinit {
        for pipe in [output, errors] + [input].compactMap({ $0 }) { pipe.closeBothEnds() }
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
    /// - Parameter pastes: standard input is a pipe for `paste`, not `/dev/null`.
    func startAndReadLink(_ environment: [String: String], extra: [String] = [], command: [String]? = nil,
                          pastes: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = try LakeflowAuthProcess.builtBinary()
        process.arguments = (command ?? [connector, "--from-env"]) + ["--spec", Self.fixture(connector)] + extra
        process.environment = ["PATH": "/usr/bin:/bin", "LAKEFLOW_AUTH_HOME": home, "NO_COLOR": "1"].merging(environment) { $1 }
        if pastes {
            let input = Pipe()
            self.input = input
            process.standardInput = input
        } else {
            process.standardInput = FileHandle.nullDevice
        }
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

    /// Writes a line on the process's standard input, as a person pasting and pressing Enter.
    func paste(_ line: String) {
        input?.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// What the process said on stderr so far, waiting (bounded) until it holds `text`.
    func stderr(waitingFor text: String, within timeout: Duration = .seconds(10)) -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var ready = pollfd(fd: errors.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(ready.fd, &buffer, buffer.count)
            guard count > 0 else { break }
            seenErrors += String(decoding: buffer[..<count], as: UTF8.self)
            if seenErrors.contains(text) { break }
        }
        return seenErrors
    }

    private var seenErrors = ""

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
                seenErrors + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    func removeHome() {
        try? input?.fileHandleForWriting.close()
        if let process, process.isRunning { process.terminate(); process.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: home)
    }
}
