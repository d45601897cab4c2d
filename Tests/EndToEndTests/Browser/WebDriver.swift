import Foundation
import RawHTTP

/// Enough of the W3C WebDriver protocol to drive headless Chromium through chromedriver: open a
/// page, find, fill and click elements, read the page, take a screenshot. Each call is one bounded
/// HTTP exchange with chromedriver on 127.0.0.1.
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let driver: Process
    private let port: Int
    private let profile: URL
    private let session: String

    /// Starts chromedriver and a headless Chromium with a throwaway profile; nil when either is not
    /// installed (`.ci/run` installs both).
    /// - Parameter waitsForPages: false answers a click at once, even while the post it made waits.
    static func start(waitsForPages: Bool = true) throws -> WebDriver? {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium, FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") else { return nil }
        return try WebDriver(chromium: chromium, pageLoadStrategy: waitsForPages ? "normal" : "none")
    }

    private init(chromium: String, pageLoadStrategy: String) throws {
        let launch = try ChromeDriverLaunch.start()
        driver = launch.process
        port = launch.port
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-chromium-\(UUID().uuidString)")
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "pageLoadStrategy": pageLoadStrategy,
            "goog:chromeOptions": [
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--user-data-dir=\(profile.path)", "--window-size=800,1000"],
            ],
        ]]]
        do {
            let answer = try Self.call(port: port, "POST", "/session", capabilities, timeout: .seconds(60))
            guard let id = (answer["value"] as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "no session: \(answer)") }
            session = id
        } catch {
            Self.end(driver)
            throw error
        }
    }

    func quit() {
        _ = try? Self.call(port: port, "DELETE", "/session/\(session)", nil, timeout: .seconds(20))
        Self.end(driver)
        killBrowserProcesses()
        try? FileManager.default.removeItem(at: profile)
    }

    func open(_ url: URL) throws { _ = try command("POST", "url", ["url": url.absoluteString]) }

    var currentURL: String { get throws { try command("GET", "url") as? String ?? "" } }

    var pageSource: String { get throws { try command("GET", "source") as? String ?? "" } }

    func element(_ selector: String) throws -> String {
        let found = try command("POST", "element", ["using": "css selector", "value": selector])
        guard let element = (found as? [String: Any])?.values.first as? String else {
            throw Failure(description: "no element \(selector)")
        }
        return element
    }

    func type(_ text: String, into selector: String) throws {
        let element = try element(selector)
        _ = try command("POST", "element/\(element)/clear", [:])
        _ = try command("POST", "element/\(element)/value", ["text": text])
    }

    /// Presses Enter in the element, as a person does to submit from a field (WebDriver's Enter key).
    func pressEnter(in selector: String) throws {
        _ = try command("POST", "element/\(try element(selector))/value", ["text": "\u{E007}"])
    }

    func click(_ selector: String) throws {
        _ = try command("POST", "element/\(try element(selector))/click", [:])
    }

    /// Runs `script` in the current tab's page; what it returns.
    func execute(_ script: String) throws -> Any? {
        try command("POST", "execute/sync", ["script": script, "args": [Any]()])
    }

    var windowHandle: String { get throws { try command("GET", "window") as? String ?? "" } }

    var windowHandles: [String] { get throws { try command("GET", "window/handles") as? [String] ?? [] } }

    func switchTo(window handle: String) throws { _ = try command("POST", "window", ["handle": handle]) }

    func isDisplayed(_ selector: String) throws -> Bool {
        try command("GET", "element/\(try element(selector))/displayed") as? Bool ?? false
    }

    func property(_ name: String, of selector: String) throws -> String? {
        try command("GET", "element/\(try element(selector))/property/\(name)") as? String
    }

    /// Selects the `<option>` of a `<select>` with this value.
    func choose(_ value: String, in selector: String) throws {
        try click("\(selector) option[value=\"\(value)\"]")
    }

    func setWindow(width: Int, height: Int) throws {
        _ = try command("POST", "window/rect", ["width": width, "height": height])
    }

    func screenshot() throws -> Data {
        guard let encoded = try command("GET", "screenshot") as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    /// Ends a child within a few seconds: SIGTERM, then SIGKILL. Signals go by pid whatever
    /// `isRunning` says, and nobody waits on `waitUntilExit`: in this test process, with other suites'
    /// children around, both have been seen to miss a child's end.
    static func end(_ process: Process) {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(3)
        while isAlive(pid) && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if isAlive(pid) { kill(pid, SIGKILL) }
    }

    /// Not gone and not a zombie.
    private static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let state = stat.split(separator: ")").last?.split(separator: " ").first else { return false }
        return state != "Z"
    }

    /// Every process started with this browser's profile (Chromium and its helpers), in case
    /// chromedriver left any behind.
    private func killBrowserProcesses() {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init) ?? []
        for pid in pids {
            guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  String(decoding: command, as: UTF8.self).contains(profile.path) else { continue }
            kill(pid, SIGKILL)
        }
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes.
    func wait(for what: String, timeout: Duration = .seconds(20), _ condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? condition()) == true { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(description: "timed out waiting for \(what); page: \((try? pageSource)?.prefix(2000) ?? "")")
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        try Self.call(port: port, method, "/session/\(session)/\(path)", body, timeout: .seconds(60))["value"] ?? nil
    }

    private static func call(port: Int, _ method: String, _ path: String, _ body: [String: Any]?, timeout: Duration) throws -> [String: Any] {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
        var headers = [("Host", "127.0.0.1:\(port)"), ("Connection", "close")]
        if body != nil { headers += [("Content-Type", "application/json"), ("Content-Length", String(bytes.count))] }
        let response = try RawHTTP.exchange(port: port, RawHTTP.request(method, path, headers: headers, body: bytes), timeout: timeout)
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] else {
            throw Failure(description: "chromedriver answered \(response.status): \(response.body.prefix(500))")
        }
        if response.status != 200 { throw Failure(description: "chromedriver \(method) \(path): \(response.status) \(object)") }
        return object
    }

    /// The first whole line that holds one of `markers`.
    static func readLine(containing markers: [String], from handle: FileHandle, timeout: Duration) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var text = ""
        while ContinuousClock.now < deadline {
            // `availableData` blocks; it is called only once `poll` says there is something to read.
            var ready = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let left = deadline - ContinuousClock.now
            guard poll(&ready, 1, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)) > 0 else { break }
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            let whole = text[..<(text.lastIndex(of: "\n") ?? text.startIndex)]
            if let line = whole.split(separator: "\n").first(where: { line in markers.contains { line.contains($0) } }) {
                return String(line)
            }
        }
        throw Failure(description: "no line with \(markers.joined(separator: " or ")) in: \(text)")
    }
}
