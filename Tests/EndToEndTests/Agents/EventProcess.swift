import Foundation
import LoopbackHTTP
import RawHTTP
import Testing

/// A `lakeflow-auth … --json` run in the background, read as an agent reads it: one stdout line at a
/// time, each a JSON object; stderr kept apart for the person.
final class EventProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var buffered = ""
    /// Every stdout line read so far.
    private(set) var lines: [String] = []

    /// Starts `executable arguments…` (a shell for a skill's command line) with exactly `environment`.
    init(executable: URL, _ arguments: [String], environment: [String: String], workingDirectory: URL? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    deinit {
        output.closeBothEnds()
        errors.closeBothEnds()
    }

    /// The next stdout line parsed as a JSON object; fails when none comes in `timeout` or it is no object.
    func nextEvent(timeout: Duration = .seconds(20)) throws -> [String: Any] {
        let line = try nextLine(timeout: timeout)
        let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any], "not a JSON object: \(line)")
    }

    /// Events up to and including the first named `name`.
    func events(through name: String, timeout: Duration = .seconds(30)) throws -> [[String: Any]] {
        var events: [[String: Any]] = []
        while events.last?["event"] as? String != name { events.append(try nextEvent(timeout: timeout)) }
        return events
    }

    private func nextLine(timeout: Duration) throws -> String {
        let deadline = ContinuousClock.now + timeout
        let handle = output.fileHandleForReading
        while true {
            if let end = buffered.firstIndex(of: "\n") {
                let line = String(buffered[..<end])
                buffered = String(buffered[buffered.index(after: end)...])
                lines.append(line)
                return line
            }
            let left = deadline - ContinuousClock.now
            var ready = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard left > .zero, poll(&ready, 1, milliseconds) > 0 else {
                throw EventStreamEnded(description: "no stdout line within the time; read so far: \(buffered)")
            }
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw EventStreamEnded(description: "stdout closed; unfinished line: \(buffered)") }
            buffered += String(decoding: chunk, as: UTF8.self)
        }
    }

    /// Waits (bounded) for the process to end; its status, or nil when it had not ended in time.
    func exitStatus(within timeout: Duration = .seconds(10)) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// What is left on stdout after the process ended, as lines.
    var remainingLines: [String] {
        let rest = buffered + String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        buffered = ""
        return rest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    var errorOutput: String { String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        if exitStatus(within: .seconds(3)) == nil { kill(process.processIdentifier, SIGKILL) }
    }

    struct EventStreamEnded: Error, CustomStringConvertible {
        let description: String
    }
}

/// The browser form visited over HTTP as its page does: the one-time link traded for the session
/// cookie, then posts with the page's CSRF token from the same origin.
struct FormVisit {
    let port: Int
    let cookie: String
    let csrfToken: String

    init(link: URL) throws {
        port = try #require(link.port)
        let host = "127.0.0.1:\(port)"
        let query = try #require(link.query)
        let entry = try RawHTTP.exchange(port: port, RawHTTP.request("GET", "/?\(query)", headers: [("Host", host)]))
        let setCookie = try #require(entry.header("set-cookie"))
        cookie = String(try #require(setCookie.split(separator: ";").first))
        let page = try RawHTTP.exchange(port: port, RawHTTP.request("GET", "/", headers: [("Host", host), ("Cookie", cookie)]))
        let field = try #require(page.body.range(of: #"name="csrf_token" value=""#), "no CSRF token in the page")
        csrfToken = String(page.body[field.upperBound...].prefix { $0 != "\"" })
    }

    @discardableResult
    func post(_ fields: [(String, String)]) throws -> RawHTTP.Response {
        let host = "127.0.0.1:\(port)"
        return try RawHTTP.exchange(port: port, RawHTTP.request("POST", "/", headers: [
            ("Host", host), ("Cookie", cookie), ("Origin", "http://\(host)"), ("Content-Type", "application/x-www-form-urlencoded"),
        ], body: FormURLEncoded.encode([("csrf_token", csrfToken)] + fields)), timeout: .seconds(20))
    }
}
