import Foundation
import LakeflowAuthCore

/// Where the form's thread meets the setup session's async world. Curses belongs to one thread, so the
/// form calls the session from there and waits; while it waits, it keeps serving the session's
/// requests (the identity's passphrase, asked in a dialog) and its own ticks (the check's spinner).
final class SessionBridge: @unchecked Sendable {
    struct PassphraseRequest {
        let identityPath: String
        let attempt: Int
        let answer: CheckedContinuation<String?, Never>
    }

    private(set) var session: SetupSession!
    private let condition = NSCondition()
    private var requests: [PassphraseRequest] = []
    private var link: AuthorizationLink?

    /// The OAuth step's link while the person authorizes, and whether a browser was opened on it.
    struct AuthorizationLink {
        let url: URL
        let opened: BrowserOpener?
    }

    /// `authorization` makes the session's OAuth step, given the presenter that shows its link here;
    /// `openLink` opens it in a browser, or gives nil where none can or may be opened; `endsAtValidation`
    /// is `--dry-run`'s (`SetupSession`).
    init(form: Form, store: CredentialStore, check: SetupSession.Check?,
         authorization: (@Sendable (@escaping OAuthAuthorization.Presenter) -> OAuthAuthorization)? = nil,
         endsAtValidation: Bool = false, openLink: @escaping @Sendable (URL) -> BrowserOpener? = { _ in nil }) {
        let presenter: OAuthAuthorization.Presenter = { [weak self] url in self?.present(AuthorizationLink(url: url, opened: openLink(url))) }
        session = SetupSession(form: form, store: store, check: check, passphrasePrompt: { [weak self] path, attempt in
            await self?.askForPassphrase(path, attempt) ?? nil
        }, authorization: authorization?(presenter), endsAtValidation: endsAtValidation)
    }

    /// The authorization link of the OAuth step under way, for the form to show while it waits.
    var authorizationLink: AuthorizationLink? {
        condition.lock()
        defer { condition.unlock() }
        return link
    }

    /// Forgets the link once its step is over, and the browser's redirecting file with it.
    func clearAuthorizationLink() {
        condition.lock()
        let done = link
        link = nil
        condition.unlock()
        done?.opened?.remove()
    }

    private func present(_ shown: AuthorizationLink) {
        condition.lock()
        link = shown
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `work` on the session and waits for it, answering passphrase requests with `askPassphrase`
    /// and calling `onTick` every `tick` until it is done.
    func perform<T: Sendable>(_ work: @escaping @Sendable (SetupSession) async throws -> T,
                              tick: Duration = .milliseconds(80), onTick: () -> Void = {},
                              askPassphrase: (_ identityPath: String, _ attempt: Int) -> String?) throws -> T {
        let outcome = Outcome<T>()
        let session = self.session!
        Task {
            let result: Result<T, Error>
            do { result = .success(try await work(session)) } catch { result = .failure(error) }
            finish(outcome, with: result)
        }
        let interval = Double(tick.components.seconds) + Double(tick.components.attoseconds) / 1e18
        while true {
            condition.lock()
            let deadline = Date(timeIntervalSinceNow: interval)
            while outcome.result == nil && requests.isEmpty && condition.wait(until: deadline) {}
            let result = outcome.result
            let waiting = requests
            requests.removeAll()
            condition.unlock()
            for request in waiting { request.answer.resume(returning: askPassphrase(request.identityPath, request.attempt)) }
            if let result { return try result.get() }
            if waiting.isEmpty { onTick() }
        }
    }

    private func finish<T>(_ outcome: Outcome<T>, with result: Result<T, Error>) {
        condition.lock()
        outcome.result = result
        condition.broadcast()
        condition.unlock()
    }

    private func askForPassphrase(_ path: String, _ attempt: Int) async -> String? {
        await withCheckedContinuation { continuation in
            condition.lock()
            requests.append(PassphraseRequest(identityPath: path, attempt: attempt, answer: continuation))
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// The result of one `perform`, written by its task under the bridge's lock.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
