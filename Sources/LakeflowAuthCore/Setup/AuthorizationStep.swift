import FoundationEssentials

/// The part of a check that waits for the person at the OAuth provider: the link to follow, and how to
/// say so. Answered by the provider's callback, or by the address the browser was sent back to, pasted
/// (`SetupSession.answerAuthorization(pasted:)`) where the callback cannot reach this machine. A
/// device code would be one more member here, not another state.
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
    /// Why the last pasted address did not answer the wait; nil when none was refused.
    public var pastedAddressRefused: PastedRedirectRefusal?

    /// The sentence that introduces the link, for every front end that shows it.
    public var lead: String {
        let title = TerminalText.sanitized(self.title)
        return openedInBrowser
            ? "Opened in your browser to authorize \(title); if no browser came up, open this link:"
            : "Open this link in a browser to authorize \(title):"
    }

    /// How to answer by pasting, for a front end that takes a paste while it waits.
    public static let pasteInvitation = "Browser on another machine? Paste the address it ended on here."

    /// Why the last pasted address was not taken; nil when none was refused.
    public var pasteRefusal: String? { pastedAddressRefused?.message }

    /// The provider's host, as a page names it.
    public var host: String { HTTPOrigin(url)?.host ?? "the provider" }
}
