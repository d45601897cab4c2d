/// `rm` deletes what only the person can enter again, so it goes ahead on a yes: asked at a terminal,
/// or given as `--yes`. Without a terminal nobody can be asked, and a script or an agent that runs
/// `rm` by mistake should not have its way by default: it is refused, saying how to confirm.
public enum RemovalUnconfirmed: UserFacingError, Equatable {
    /// No terminal to ask on, and no `--yes`.
    case noTerminal(connector: String)
    /// The person answered something other than yes (or nothing, at the end of input).
    case declined(connector: String)

    public var message: String {
        switch self {
        case let .noTerminal(connector):
            return "not removing the credentials of \"\(TerminalText.excerpt(connector))\" unasked: there is no terminal to ask on"
        case let .declined(connector):
            return "cancelled; the credentials of \"\(TerminalText.excerpt(connector))\" were kept"
        }
    }

    public var hints: [String] {
        switch self {
        case let .noTerminal(connector): return ["run `lakeflow-auth rm \(TerminalText.excerpt(connector)) --yes` to remove them"]
        case .declined: return []
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .noTerminal: return .badInput
        case .declined: return .cancelled
        }
    }
}
