/// How a setup ended when the person left it without saving, the same for every form.
public enum SetupCancelled: UserFacingError, Equatable {
    /// Quit, Esc, Ctrl-C, the end of input, or Quit on the page.
    case byPerson
    /// Quit after a check that did not pass: the exit status is the check's.
    case afterFailedCheck(reason: String, exitStatus: ExitStatus)

    public var message: String {
        switch self {
        case .byPerson: return "cancelled; nothing was saved"
        case let .afterFailedCheck(reason, _): return "nothing was saved: \(reason)"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .byPerson: return .cancelled
        case let .afterFailedCheck(_, status): return status
        }
    }
}
