import Foundation

/// chromedriver started on a port of its own choosing, read from what it prints.
///
/// Asked for port 0, chromedriver binds [::1] on a port the kernel picks, then 127.0.0.1 on the same
/// number, and that number may already be held on 127.0.0.1 (this suite's loopback servers and
/// connections take them by the hundred): it then exits saying "IPv4 port not available". No port
/// chosen outside chromedriver escapes this (one found free is released before chromedriver binds
/// it), and nothing outside it can make its two binds one; so that exact failure, and only it, starts
/// chromedriver again, when the kernel picks another number.
struct ChromeDriverLaunch {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let process: Process
    let port: Int

    static let started = "started successfully on port"
    /// chromedriver's words when one of its two binds finds the port taken.
    static let portTaken = ["IPv4 port not available", "IPv6 port not available"]

    /// - Parameters:
    ///   - environment: the child's; nil passes this process's.
    ///   - attempts: a clash needs another process on the very number the kernel gave chromedriver, so
    ///     a few attempts make one in a million runs fail where one in a hundred did.
    static func start(executable: String = "/usr/bin/chromedriver", environment: [String: String]? = nil,
                      attempts: Int = 5) throws -> ChromeDriverLaunch {
        var clashes: [String] = []
        while clashes.count < attempts {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--port=0"]
            if let environment { process.environment = environment }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let line: String
            do {
                line = try WebDriver.readLine(containing: [started] + portTaken, from: output.fileHandleForReading, timeout: .seconds(20))
            } catch {
                WebDriver.end(process)
                throw error
            }
            if portTaken.contains(where: line.contains) {
                WebDriver.end(process)
                clashes.append(line)
                continue
            }
            guard let port = line.split(separator: " ").last.flatMap({ Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ".\n"))) }),
                  port > 0 else {
                WebDriver.end(process)
                throw Failure(description: "chromedriver said: \(line)")
            }
            return ChromeDriverLaunch(process: process, port: port)
        }
        throw Failure(description: "chromedriver found its port taken \(attempts) times: \(clashes.joined(separator: "; "))")
    }
}
