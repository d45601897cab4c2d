import Foundation

/// The part of a check that waits for the person at the OAuth provider: the link to follow, and how to
/// say so. Answered by the provider's callback; a way to answer it by hand (a pasted redirect) or a
/// device code would be one more action or one more member here, not another state.
public struct AuthorizationStep: Sendable, Equatable {
    /// Where the person allows access. It carries the flow's own state and PKCE challenge, never the
    /// client secret.
    public let url: URL
    /// When the wait began, for a front end that counts it.
    public let since: ContinuousClock.Instant
    /// Whether a browser was opened on the link (then the link is only the fallback).
    public let openedInBrowser: Bool
    /// The source's display name.
    public let title: String

    /// The sentence that introduces the link, for every front end that shows it.
    public var lead: String {
        let title = TerminalText.sanitized(self.title)
        return openedInBrowser
            ? "Opened in your browser to authorize \(title); if no browser came up, open this link:"
            : "Open this link in a browser to authorize \(title):"
    }

    /// The provider's host, as a page names it.
    public var host: String { HTTPOrigin(url)?.host ?? "the provider" }
}
