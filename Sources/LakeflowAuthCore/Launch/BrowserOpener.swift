import FoundationEssentials

/// Opens a link in the person's browser without putting it on any command line, where every user of
/// the machine can read it (`ps`): the browser is given a private file that redirects to the link, as
/// Jupyter does. The browser form's link carries its one-time token; an OAuth authorization link
/// carries no secret, but its `state` is good for one sign-in, so it goes the same way.
///
/// The one HTML page in the core: a redirect, not a form, so it needs no template.
public struct BrowserOpener: Sendable {
    private let folder: URL

    /// Nil when there is no browser to open (no `$BROWSER`, no display) or it cannot be started; the
    /// printed link is then the way in.
    public static func open(_ link: URL, environment: [String: String]) -> BrowserOpener? {
        let browser = environment["BROWSER"].flatMap { $0.split(separator: ":").first.map(String.init) }
        let hasDisplay = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        guard browser != nil || hasDisplay else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let file = folder.appendingPathComponent("open.html")
            guard FileManager.default.createFile(atPath: file.path, contents: Data(redirectPage(to: link).utf8),
                                                 attributes: [.posixPermissions: 0o600]) else { throw CocoaError(.fileWriteUnknown) }
            try ChildProcess.start([browser ?? "xdg-open", file.path]).collectExitInBackground()
            return BrowserOpener(folder: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
    }

    /// The redirecting file goes once its link has served (the form ended, the callback came).
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A URL holds no `<`, `>` or `"` (they are percent-encoded), but a query's `&` is escaped, as an
    /// attribute's value should be.
    static func redirectPage(to link: URL) -> String {
        let target = link.absoluteString.replacing("&", with: "&amp;")
        return """
            <!doctype html>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="0;url=\(target)">
            <title>lakeflow-auth</title>
            <p><a href="\(target)">Open the lakeflow-auth link</a></p>

            """
    }
}
