import FoundationEssentials
import Glibc
import LakeflowAuthCore

/// Why the line form cannot ask its questions: the terminal itself.
public enum LineFormError: UserFacingError, Equatable {
    /// Neither a controlling terminal nor a terminal on stdin to ask on.
    case noTerminal(connector: String)
    /// An answer longer than any value the form takes.
    case answerTooLong(limit: Int)
    /// Reading or writing the terminal failed.
    case terminalFailed(errno: Int32)

    public var message: String {
        switch self {
        case .noTerminal: return "there is no terminal to ask for credentials on"
        case let .answerTooLong(limit): return "an answer is longer than \(limit) bytes"
        case let .terminalFailed(code): return "cannot use the terminal: \(String(cString: strerror(code)))"
        }
    }

    public var hints: [String] {
        switch self {
        case let .noTerminal(connector):
            return ["without a terminal, run `lakeflow-auth \(connector) --from-env` (or --env-file FILE) instead"]
        default:
            return []
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
