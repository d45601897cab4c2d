import Glibc

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
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return .cannotStart }
        // Close-on-exec: no other program this process starts meanwhile holds the write end open.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let child: ChildProcess
        do {
            child = try ChildProcess.start(arguments, standardOutput: ends[1])
        } catch {
            close(ends[0])
            close(ends[1])
            return .cannotStart
        }
        // Only the child holds the write end now, so its exit ends the reading.
        close(ends[1])
        defer { close(ends[0]) }
        let outcome = read(ends[0], until: ContinuousClock.now + timeout, limit: outputLimit)
        switch outcome {
        case let .exited(_, output):
            return .exited(status: child.waitForExit(), output: output)
        default:
            // SIGTERM, then SIGKILL for a helper that ignores it: the wait for it is bounded too.
            child.send(SIGTERM)
            let grace = ContinuousClock.now + .seconds(1)
            while ContinuousClock.now < grace {
                if child.exitStatusIfEnded() != nil { return outcome }
                usleep(10_000)
            }
            child.send(SIGKILL)
            _ = child.waitForExit()
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
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .exited(status: 0, output: output) }
            output += buffer[..<count]
            guard output.count <= limit else { return .tooMuchOutput }
        }
    }
}
