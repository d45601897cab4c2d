import Foundation
import SharedCorpus

/// Runs the built `lakeflow-auth` binary as a person or CI would, and captures what it says.
enum LakeflowAuthProcess {
    struct Result: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The process outlived its timeout and was killed; `status` is then the signal's.
        let timedOut: Bool
    }

    /// The package root: this file is `Tests/EndToEndTests/Support/LakeflowAuthProcess.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary `swift build` (and `swift test`, which builds every product) puts beside this test
    /// bundle, else the package's `.build/debug`.
    static let binary: URL? = {
        var candidates: [URL] = []
        if let runner = Bundle.main.executableURL {
            candidates.append(runner.deletingLastPathComponent().appendingPathComponent("lakeflow-auth"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/lakeflow-auth"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static let missingBinary = "lakeflow-auth is not built: run `swift build` in the package root first"

    struct NotBuilt: Error, CustomStringConvertible {
        var description: String { LakeflowAuthProcess.missingBinary }
    }

    static func builtBinary() throws -> URL {
        guard let binary else { throw NotBuilt() }
        return binary
    }

    /// Runs `lakeflow-auth arguments…`. The environment is this process's without any
    /// `LAKEFLOW_AUTH_*` variable (a developer's own settings must not leak in), plus `environment`.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                    workingDirectory: URL? = nil, timeout: TimeInterval = 30) throws -> Result {
        return try run(executable: try builtBinary(), arguments,
                       environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LAKEFLOW_AUTH_") }
                           .merging(environment) { $1 },
                       stdin: stdin, workingDirectory: workingDirectory ?? packageRoot, timeout: timeout)
    }

    /// Runs any program with exactly `environment`; the status is the exit code, or 128 + the signal.
    static func run(executable: URL, _ arguments: [String], environment: [String: String], stdin: String? = nil,
                    workingDirectory: URL? = nil, timeout: TimeInterval = 30) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let stdout = PipeReader(output), stderr = PipeReader(errors)
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let result = Result(status: status, stdout: stdout.text(), stderr: stderr.text(), timedOut: timedOut)
        input.closeBothEnds()
        // A reader still blocked (a child that left a grandchild holding the pipe) keeps its end.
        if stdout.isDone { output.closeBothEnds() }
        if stderr.isDone { errors.closeBothEnds() }
        return result
    }
}

/// Drains a pipe on its own thread, so a chatty process never blocks on a full pipe.
private final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    private(set) var isDone = false

    /// Everything the process wrote, once it (and any child it left behind) has closed its end.
    func text() -> String {
        guard done.wait(timeout: .now() + 5) == .success else { return "(the pipe was still open 5 s after exit)" }
        isDone = true
        return String(decoding: data, as: UTF8.self)
    }
}
