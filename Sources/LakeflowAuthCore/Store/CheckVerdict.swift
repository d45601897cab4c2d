/// The last check of stored credentials in one word, as `status` shows it and scripts read it.
public enum CheckVerdict: String, Sendable, Equatable, CaseIterable {
    /// The source accepted them.
    case verified
    /// The source refused them (401, 403, an OAuth error): they need replacing.
    case rejected
    /// No answer, or not one the check could read: the credentials may still be good.
    case unreachable
    /// Never checked, or no check is declared for them.
    case unverified

    /// What a check's outcome says of the credentials.
    public init(_ outcome: ProbeOutcome) {
        switch outcome {
        case .verified: self = .verified
        case .unverified: self = .unverified
        default: self = outcome.exitStatus == .rejected ? .rejected : .unreachable
        }
    }

    /// What a check that failed before it had an outcome (an OAuth error, a refused URL) says, by
    /// the exit status it maps to.
    public init(failure status: ExitStatus) {
        self = status == .rejected ? .rejected : .unreachable
    }
}
