/// Why one connection was not confirmed updated.
public enum ConnectionRefreshError: Error, Sendable {
    case failed(UserFacingError)
    /// The update was answered, but reading the connection back shows other options than were sent.
    case readBackDiffers([String])

    public var message: String {
        switch self {
        case let .failed(error): return error.message
        case let .readBackDiffers(options):
            return "updated, but read back it differs from what was sent in " + options.map(TerminalText.sanitized).joined(separator: ", ")
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case let .failed(error): return error.exitStatus
        case .readBackDiffers: return .unreachable
        }
    }
}
