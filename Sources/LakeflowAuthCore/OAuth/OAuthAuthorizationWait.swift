import Synchronization

/// The second way to answer a code flow's wait for the person: besides the browser coming back to the
/// loopback listener, the person may paste the address the browser ended on. That is how a browser on
/// another machine (over SSH, in a container) finishes: its provider sends it to 127.0.0.1 on its own
/// machine, where nothing listens, and the page says it cannot connect, but its address bar holds the
/// code and the state.
///
/// The setup session holds one (`SetupSession.authorizationWait`) and gives it to every authorization
/// it runs (`OAuthAuthorization.answering(with:)`); what the person pasted reaches `answer(pasted:)`
/// through the session's action, or from standard input (`PastedRedirectReader`), while the
/// authorization link is shown.
public final class OAuthAuthorizationWait: Sendable {
    private let listener = Mutex<OAuthCallbackListener?>(nil)

    public init() {}

    /// Hands the pasted address to the wait. It is checked as the callback is: this run's `state` only.
    /// Returns once it decided the wait (with a code, or with the provider's error, which the flow then
    /// reports); the flow goes on from there.
    /// - Throws: why it did not answer; the wait goes on.
    public func answer(pasted text: String) throws(PastedRedirectRefusal) {
        guard let current = listener.withLock({ $0 }) else { throw .nothingWaiting }
        try current.take(pasted: text)
    }

    func begin(_ waiting: OAuthCallbackListener) {
        listener.withLock { $0 = waiting }
    }

    func end(_ waiting: OAuthCallbackListener) {
        listener.withLock { current in
            if current === waiting { current = nil }
        }
    }
}
