import Foundation

/// Runs the reference `age` command-line tool, found via PATH, in a scratch directory.
struct AgeCommand {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let directory: URL
    private let age: URL
    private let script: URL

    init() throws {
        guard let age = Self.which("age") else {
            throw Failure(description: "the age tool is not on PATH; install it with `apt-get install age` to run the interoperability tests")
        }
        guard let script = Self.which("script") else {
            throw Failure(description: "the script tool is not on PATH; install it with `apt-get install bsdutils`")
        }
        self.age = age
        self.script = script
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("age-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
    }

    func run(_ arguments: [String]) throws {
        try Self.run(age, arguments, input: nil)
    }

    /// age-keygen ships in the same package as age.
    func keygen(to name: String) throws {
        guard let keygen = Self.which("age-keygen") else {
            throw Failure(description: "age-keygen is not on PATH; install it with `apt-get install age`")
        }
        try Self.run(keygen, ["-o", path(name)], input: nil)
    }

    /// age reads passphrases only from a terminal, so `script` gives it a pseudo-terminal and
    /// forwards `typed` to it as keystrokes.
    func runOnTerminal(_ arguments: [String], typing typed: String) throws {
        let command = ([age.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        try Self.run(script, ["-qec", command, "/dev/null"], input: Array(typed.utf8))
    }

    func removeDirectory() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ executable: URL, _ arguments: [String], input: [UInt8]?) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input)) }
        try stdin.fileHandleForWriting.close()
        let transcript = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // `Process` keeps the pipes it was handed, and with them their descriptors, unless they are closed.
        for handle in [stdin.fileHandleForReading, output.fileHandleForReading, output.fileHandleForWriting] { try? handle.close() }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(transcript)")
        }
    }

    private static func which(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
