/// Why a pasted address did not answer the authorization wait; the wait goes on.
public enum PastedRedirectRefusal: UserFacingError, Equatable {
    /// It holds no `code`, `error` or `state`: the authorization link itself, or other text.
    case notARedirect
    /// Its `state` is another run's.
    case otherState
    /// The wait was already answered, by the browser or an earlier paste.
    case alreadyAnswered
    /// No authorization is waiting.
    case nothingWaiting

    public var message: String {
        switch self {
        case .notARedirect: return "the pasted text is not the address the browser ended on: it carries no code, state or error"
        case .otherState: return "the pasted address carries another state than this run sent, so it was refused"
        case .alreadyAnswered: return "this authorization was already answered"
        case .nothingWaiting: return "no authorization is waiting for an answer"
        }
    }

    public var hints: [String] {
        switch self {
        case .notARedirect:
            return ["after approving, copy the whole address from the browser's address bar (it starts with the redirect URI), even if the page says it cannot connect"]
        case .otherState: return ["use the link of this run, not an older one, and paste where it ended"]
        case .alreadyAnswered, .nothingWaiting: return []
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
