import LakeflowAuthCore

/// Why an answer could not become a value, before the core's rules look at it.
enum FieldAnswerError: UserFacingError {
    case file(ValueFileError)
    case unreadableFile(option: String)
    /// A paste of several lines at a one-line question; the lines still being typed ahead are dropped.
    case pastedLines(option: String)

    var message: String {
        switch self {
        case let .file(error): return error.message
        case let .unreadableFile(option): return "\(TerminalText.sanitized(option)): cannot read that file (@@ starts a value with @)"
        case let .pastedLines(option):
            return "\(TerminalText.sanitized(option)) takes one line; the pasted lines were not used"
        }
    }

    var exitStatus: ExitStatus { .badInput }
}
