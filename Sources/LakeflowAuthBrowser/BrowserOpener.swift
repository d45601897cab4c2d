import Foundation

/// Opens the form in the person's browser without putting the token on any command line, where
/// every user of the machine can read it (`ps`): the browser is given a private file that redirects
/// to the link, as Jupyter does.
struct BrowserOpener {
    private let folder: URL

    /// Nil when there is no browser to open (no `$BROWSER`, no display) or it cannot be started; the
    /// printed link is then the way in.
    static func open(_ link: URL, environment: [String: String]) -> BrowserOpener? {
        let browser = environment["BROWSER"].flatMap { $0.split(separator: ":").first.map(String.init) }
        let hasDisplay = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        guard browser != nil || hasDisplay else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let file = folder.appendingPathComponent("open.html")
            guard FileManager.default.createFile(atPath: file.path, contents: Data(redirectPage(to: link).utf8),
                                                 attributes: [.posixPermissions: 0o600]) else { throw CocoaError(.fileWriteUnknown) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [browser ?? "xdg-open", file.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return BrowserOpener(folder: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
    }

    /// The redirecting file goes once the form ends; its token no longer works by then anyway.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private static func redirectPage(to link: URL) -> String {
        let target = link.absoluteString
        return """
            <!doctype html>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="0;url=\(target)">
            <title>lakeflow-auth</title>
            <p><a href="\(target)">Open the lakeflow-auth form</a></p>

            """
    }
}
