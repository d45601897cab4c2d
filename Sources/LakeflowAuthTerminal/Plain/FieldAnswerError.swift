import LakeflowAuthCore

/// Why an answer could not become a value, before the core's rules look at it.
enum FieldAnswerError: UserFacingError {
    case file(ValueFileError)
    case unreadableFile(option: String)
    case pastedLines(option: String, count: Int)

    var message: String {
        switch self {
        case let .file(error): return error.message
        case let .unreadableFile(option): return "\(TerminalText.sanitized(option)): cannot read that file (@@ starts a value with @)"
        case let .pastedLines(option, count):
            return "\(TerminalText.sanitized(option)) takes one line; the \(count) pasted lines were not used"
        }
    }

    var exitStatus: ExitStatus { .badInput }
}
