import LakeflowAuthCore

/// Why the browser form ended without saving, apart from the person leaving (`SetupCancelled`).
public enum BrowserFormError: UserFacingError, Equatable {
    case idle(minutes: Int, seconds: Int)
    case cannotListen(port: UInt16)

    public static func idle(after timeout: Duration) -> BrowserFormError {
        let seconds = Int(timeout.components.seconds)
        return .idle(minutes: seconds / 60, seconds: seconds % 60)
    }

    public var message: String {
        switch self {
        case let .idle(minutes, seconds):
            let span = minutes == 0 ? "\(seconds)s" : seconds == 0 ? "\(minutes)m" : "\(minutes)m\(seconds)s"
            return "the browser form had no visit for \(span), so it stopped; nothing was saved"
        case let .cannotListen(port): return "cannot serve the browser form on 127.0.0.1:\(port): the port is taken or not allowed"
        }
    }

    public var hints: [String] {
        switch self {
        case .idle: return ["run the command again; --timeout sets how long the form waits (e.g. --timeout 30m)"]
        case .cannotListen: return ["leave out --port to use a free port"]
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .idle: return .cancelled
        case .cannotListen: return .badInput
        }
    }
}
