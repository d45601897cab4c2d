/// The exit codes of the command-line contract (docs/DESIGN.md, "Command line").
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A failure that is nobody's input: a bug, or the system refusing something it should not.
    case internalFailure = 1
    case badInput = 2
    case rejected = 3
    case unreachable = 4
    case storeFailure = 5
    /// `exec` passes its command's own status through; when the command cannot even start, it
    /// answers as a shell would.
    case commandNotExecutable = 126
    case commandNotFound = 127
    case cancelled = 130
}
