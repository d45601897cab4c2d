import Foundation
import LakeflowAuthCore

/// The line-by-line form's OAuth step: the authorization link on the terminal, opened in a browser
/// when there is one and `--no-open` was not given, then a line saying it waits. The redirecting file
/// a browser was given goes when the form ends.
public final class PlainAuthorizationLink: @unchecked Sendable {
    private let title: String
    private let opensBrowser: Bool
    private let environment: [String: String]
    private let lock = NSLock()
    private var opened: [BrowserOpener] = []

    public init(title: String, opensBrowser: Bool, environment: [String: String]) {
        self.title = TerminalText.sanitized(title)
        self.opensBrowser = opensBrowser
        self.environment = environment
    }

    /// The session's presenter; a retried check presents a new link, and each is shown.
    public func present(_ url: URL) async {
        let browser = opensBrowser ? BrowserOpener.open(url, environment: environment) : nil
        if let browser { lock.withLock { opened.append(browser) } }
        let lead = browser == nil
            ? "Open this link in a browser to authorize \(title):"
            : "Opened in your browser to authorize \(title); if no browser came up, open this link:"
        TerminalIO.announce("\n" + lead + "\n" + url.absoluteString + "\nWaiting for the authorization (Ctrl-C to stop)…\n")
    }

    public func close() {
        let files = lock.withLock {
            defer { opened.removeAll() }
            return opened
        }
        for file in files { file.remove() }
    }
}
