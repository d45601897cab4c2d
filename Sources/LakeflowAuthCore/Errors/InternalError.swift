/// A failure that is nobody's input (a socket the system would not give, a bug): exit 1, saying
/// what happened, with no hint to change the input that was not at fault.
public struct InternalError: UserFacingError {
    public let underlying: String

    public init(_ error: Error) {
        underlying = String(describing: error)
    }

    public var message: String { "internal error: " + TerminalText.excerpt(underlying, limit: 500) }
    public var hints: [String] { ["this is not a problem with your input; if it happens again, please report it"] }
    public var exitStatus: ExitStatus { .internalFailure }
}
