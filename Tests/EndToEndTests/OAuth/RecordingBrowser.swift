import Foundation

/// A stand-in browser for the forms' OAuth step: `Tests/Fixtures/recording-browser/browser`, linked
/// into a folder of this test's as `browser` (for `$BROWSER`) and `xdg-open` (for `PATH`). It keeps the
/// page it is given (the private file that redirects to the link) and that file's path, for the test to
/// follow the link and to see the file go afterwards.
struct RecordingBrowser {
    static let script = LakeflowAuthProcess.packageRoot.appendingPathComponent("Tests/Fixtures/recording-browser/browser")

    let folder: URL
    private var page: URL { folder.appendingPathComponent("page.html") }
    private var arguments: URL { folder.appendingPathComponent("arguments") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["browser", "xdg-open"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: Self.script)
        }
    }

    /// `$BROWSER` naming the script, as a person's setting would.
    var environment: [String: String] { ["BROWSER": folder.appendingPathComponent("browser").path] }

    /// A `PATH` on which `xdg-open` is the script: with no `$BROWSER` and no display it must stay unused.
    var pathWithXDGOpen: [String: String] {
        ["PATH": folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    var wasOpened: Bool { FileManager.default.fileExists(atPath: arguments.path) }

    /// The file the browser was given, once it was.
    var openedFile: String? { (try? String(contentsOf: arguments, encoding: .utf8))?.trimmingCharacters(in: .newlines) }

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
