import Foundation
import LakeflowAuthCore

/// Why the plain form stopped without saving.
public enum PlainFormError: UserFacingError, Equatable {
    /// Neither a controlling terminal nor a terminal on stdin to ask on.
    case noTerminal(connector: String)
    /// Ctrl-C or the end of input.
    case cancelled
    /// The person quit after the probe failed; `exitStatus` is the probe's.
    case notSaved(reason: String, exitStatus: ExitStatus)
    /// An answer longer than any value the form takes.
    case answerTooLong(limit: Int)
    /// Reading or writing the terminal failed.
    case terminalFailed(errno: Int32)

    public var message: String {
        switch self {
        case .noTerminal: return "there is no terminal to ask for credentials on"
        case .cancelled: return "cancelled; nothing was saved"
        case let .notSaved(reason, _): return "nothing was saved: \(reason)"
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

    public var exitStatus: ExitStatus {
        switch self {
        case .noTerminal, .answerTooLong, .terminalFailed: return .badInput
        case .cancelled: return .cancelled
        case let .notSaved(_, status): return status
        }
    }
}
