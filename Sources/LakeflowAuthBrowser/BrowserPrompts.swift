import Foundation
import LakeflowAuthCore
import Synchronization

/// Where a setup session's questions to the person land when the person is at a page: the identity's
/// passphrase, and the OAuth step's link. The session asks in the middle of an action (a submit) while
/// the post that started it waits; the post is then answered at once so the page can ask, and the
/// action goes on when the page's answer comes.
public final class BrowserPrompts: Sendable {
    /// The passphrase the session waits for: the identity file, and which attempt this is (from 1).
    struct PassphraseQuestion: Sendable, Equatable {
        let identityPath: String
        let attempt: Int
    }

    private struct State {
        var passphrase: PassphraseQuestion?
        var answer: CheckedContinuation<String?, Never>?
        /// A link was shown and the action that showed it has not ended.
        var authorizing = false
        var listeners: [UUID: AsyncStream<Void>.Continuation] = [:]

        mutating func wakeListeners() {
            for listener in listeners.values { listener.yield() }
        }
    }

    private let state = Mutex(State())

    public init() {}

    /// For `SetupSession(passphrasePrompt:)`.
    public var passphrasePrompt: SetupSession.PassphrasePrompt {
        { [self] identityPath, attempt in
            await withCheckedContinuation { answer in
                let earlier = state.withLock { state in
                    defer {
                        state.passphrase = PassphraseQuestion(identityPath: identityPath, attempt: attempt)
                        state.answer = answer
                        state.wakeListeners()
                    }
                    return state.answer
                }
                earlier?.resume(returning: nil)
            }
        }
    }

    /// For `OAuthAuthorization(presenter:)`: the page draws the link from the session's snapshot; this
    /// only lets the waiting post go.
    public var authorizationPresenter: OAuthAuthorization.Presenter {
        { [self] _ in
            state.withLock { state in
                state.authorizing = true
                state.wakeListeners()
            }
        }
    }

    var passphraseQuestion: PassphraseQuestion? { state.withLock { $0.passphrase } }

    /// Gives the waiting session the page's answer; nil when the person gave up.
    func answerPassphrase(_ passphrase: String?) {
        let answer = state.withLock { state in
            defer {
                state.passphrase = nil
                state.answer = nil
            }
            return state.answer
        }
        answer?.resume(returning: passphrase)
    }

    /// An action of the session ended: nothing it asked is pending any more.
    func actionEnded() {
        let answer = state.withLock { state in
            defer {
                state.authorizing = false
                state.passphrase = nil
                state.answer = nil
                state.wakeListeners()
            }
            return state.answer
        }
        answer?.resume(returning: nil)
    }

    /// The end of `action`, or nil as soon as the session asks the person something while it runs
    /// (which it has, too, when it already waits for an answer).
    func settle<Value: Sendable>(_ action: Task<Value, any Error>) async -> Result<Value, any Error>? {
        let (wakes, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        state.withLock { state in
            state.listeners[id] = wake
            if state.passphrase != nil || state.authorizing { wake.yield() }
        }
        let ended = Mutex<Result<Value, any Error>?>(nil)
        let watch = Task {
            let result = await action.result
            ended.withLock { $0 = result }
            wake.yield()
        }
        defer {
            watch.cancel()
            _ = state.withLock { $0.listeners.removeValue(forKey: id) }
        }
        for await _ in wakes {
            if let result = ended.withLock({ $0 }) { return result }
            if state.withLock({ $0.passphrase != nil || $0.authorizing }) { return nil }
        }
        return nil
    }
}
