/// `exec` could not replace itself with the command; the statuses are the ones a shell uses.
public struct CommandLaunchError: UserFacingError, Equatable {
    public let command: String
    public let notFound: Bool
    public let reason: String

    public init(command: String, notFound: Bool, reason: String) {
        self.command = command
        self.notFound = notFound
        self.reason = reason
    }

    public var message: String {
        notFound ? "\(TerminalText.excerpt(command)): command not found"
            : "\(TerminalText.excerpt(command)): cannot run: \(reason)"
    }

    public var exitStatus: ExitStatus { notFound ? .commandNotFound : .commandNotExecutable }
}
