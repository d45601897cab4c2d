import Foundation

/// A stand-in browser for the forms' OAuth step: a script, given as `$BROWSER` and also found on `PATH`
/// as `xdg-open`, that copies the page it is given (the private file that redirects to the link) and
/// records that file's path, for the test to follow the link and to see the file go afterwards.
struct RecordingBrowser {
    let folder: URL
    private var page: URL { folder.appendingPathComponent("page.html") }
    private var argument: URL { folder.appendingPathComponent("argument") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            printf '%s' "$1" > "\(argument.path).part"
            cat "$1" > "\(page.path).part"
            mv "\(page.path).part" "\(page.path)"
            mv "\(argument.path).part" "\(argument.path)"

            """
        for name in ["browser", "xdg-open"] {
            let file = folder.appendingPathComponent(name)
            try script.write(to: file, atomically: true, encoding: .utf8)
            chmod(file.path, 0o700)
        }
    }

    /// `$BROWSER` naming the script, as a person's setting would.
    var environment: [String: String] { ["BROWSER": folder.appendingPathComponent("browser").path] }

    /// A `PATH` on which `xdg-open` is the script: with no `$BROWSER` and no display it must stay unused.
    var pathWithXDGOpen: [String: String] {
        ["PATH": folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    var wasOpened: Bool { FileManager.default.fileExists(atPath: argument.path) }

    /// The file the browser was given, once it was.
    var openedFile: String? { try? String(contentsOf: argument, encoding: .utf8) }

    /// The link the opened page redirects to, waiting (bounded) for the browser to have been started.
    func openedLink(within timeout: Duration = .seconds(20)) async throws -> URL? {
        let deadline = ContinuousClock.now + timeout
        while !wasOpened && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        guard let html = try? String(contentsOf: page, encoding: .utf8),
              let start = html.range(of: "content=\"0;url="), let end = html[start.upperBound...].range(of: "\">")
        else { return nil }
        return URL(string: html[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&amp;", with: "&"))
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
