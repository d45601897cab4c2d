import LakeflowAuthCore

/// Why the full-screen form cannot run here; the line-by-line form runs instead and says so.
public enum FullScreenUnavailable: Error, Equatable {
    case noTerminal
    case dumbTerminal
    case cursesFailed(term: String)

    /// Whether the full-screen form can start: stdin and stdout a terminal, and a `TERM` that can
    /// address the screen. Nil when it can.
    public static func reason(environment: [String: String], isTerminal: (Int32) -> Bool) -> FullScreenUnavailable? {
        guard isTerminal(0), isTerminal(1) else { return .noTerminal }
        let term = environment["TERM"] ?? ""
        return term.isEmpty || term == "dumb" ? .dumbTerminal : nil
    }

    /// One line for stderr, after `lakeflow-auth: `.
    public var note: String {
        switch self {
        case .noTerminal: return "stdin or stdout is not a terminal, so the form asks one question a line"
        case .dumbTerminal: return "TERM is unset or dumb, so the form asks one question a line"
        case let .cursesFailed(term):
            return "curses cannot drive this terminal (TERM=\(TerminalText.sanitized(term))), so the form asks one question a line"
        }
    }
}
