import Foundation

/// Runs a helper program and reads what it prints, within a time and a size: a helper that hangs (a
/// CLI waiting on a login prompt or a dead network) or prints without end is stopped, not waited on.
enum BoundedCommand {
    enum Outcome: Equatable {
        /// It exited, with this status, having printed this on stdout.
        case exited(status: Int32, output: [UInt8])
        case cannotStart
        /// Stopped after the time it was given.
        case timedOut
        /// Stopped once it printed more than the limit.
        case tooMuchOutput
    }

    /// - Parameter arguments: the program (looked up on `PATH`) and its arguments; none of them may be
    ///   a secret, since every user of the machine can read them.
    static func run(_ arguments: [String], timeout: Duration, outputLimit: Int) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return .cannotStart }
        // Only the child holds the write end now, so its exit ends the reading.
        try? pipe.fileHandleForWriting.close()
        let reading = pipe.fileHandleForReading
        defer { try? reading.close() }
        let outcome = read(reading.fileDescriptor, until: ContinuousClock.now + timeout, limit: outputLimit)
        switch outcome {
        case let .exited(_, output):
            process.waitUntilExit()
            return .exited(status: process.terminationStatus, output: output)
        default:
            // SIGTERM, then SIGKILL for a helper that ignores it: the wait for it is bounded too.
            process.terminate()
            let grace = ContinuousClock.now + .seconds(1)
            while process.isRunning, ContinuousClock.now < grace { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return outcome
        }
    }

    /// Reads to the end of the output; `.exited` then carries it (its status is the caller's to learn).
    private static func read(_ descriptor: Int32, until deadline: ContinuousClock.Instant, limit: Int) -> Outcome {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .timedOut }
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            let polled = poll(&ready, 1, milliseconds)
            if polled < 0 && errno == EINTR { continue }
            guard polled > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .exited(status: 0, output: output) }
            output += buffer[..<count]
            guard output.count <= limit else { return .tooMuchOutput }
        }
    }
}
