import Foundation

/// `lakeflow-auth` running in the background, for a test that acts while it runs (Ctrl-C at a moment
/// of its choosing): it reads stdout as it comes, with a deadline on every wait.
final class RunningCommand {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var seen = ""

    init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = try LakeflowAuthProcess.builtBinary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LAKEFLOW_AUTH_") }
            .merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    deinit {
        output.closeBothEnds()
        errors.closeBothEnds()
    }

    /// Stdout up to and including the first line that contains `text`; nil when none came in time.
    func waitForLine(containing text: String, within timeout: Duration = .seconds(20)) -> String? {
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = seen.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { return nil }
            guard poller.revents != 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { return nil }
            seen += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return nil
    }

    func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }

    /// The exit status (nil when it did not end in time, and was killed), then all of stdout and stderr.
    func finish(within timeout: Duration = .seconds(20)) -> (status: Int32?, stdout: String, stderr: String) {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return (nil, seen, "")
        }
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, seen + rest, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
