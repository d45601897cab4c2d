import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion and reports its wall time and peak resident memory, as a user
/// would experience the whole process (start-up included).
struct ChildProcess {
    struct Run {
        let milliseconds: Double
        let peakMemoryMiB: Double
        let status: Int32
        let output: String
    }

    static func run(_ arguments: [String], environment: [String: String], captureOutput: Bool = false) throws -> Run {
        var fileActions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        var pipeEnds: [Int32] = [0, 0]
        if captureOutput {
            guard pipe(&pipeEnds) == 0 else { throw BenchmarkError("pipe failed") }
            posix_spawn_file_actions_adddup2(&fileActions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&fileActions, pipeEnds[0])
        } else {
            posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, arguments[0], &fileActions, nil, argv, envp) == 0 else {
            throw BenchmarkError("cannot start \(arguments[0])")
        }
        var output = ""
        if captureOutput {
            close(pipeEnds[1])
            output = String(decoding: FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Run(milliseconds: elapsed, peakMemoryMiB: Double(usage.ru_maxrss) / 1024, status: exitStatus, output: output)
    }

    /// Starts a command that prints a line and goes on running (a link to follow), and times that
    /// line; the caller ends the process.
    static func startUntilFirstLine(_ arguments: [String], environment: [String: String]) throws
        -> (process: Process, line: String, elapsed: Duration) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        var line: [UInt8] = []
        while line.last != UInt8(ascii: "\n") {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else {
                process.waitUntilExit()
                throw BenchmarkError("\(arguments.joined(separator: " ")) printed no line (exit \(process.terminationStatus))")
            }
            line += byte
        }
        return (process, String(decoding: line.dropLast(), as: UTF8.self), clock.now - started)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
