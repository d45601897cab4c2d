/// Credentials that were stored, and how they were checked.
public struct SavedSetup: Sendable {
    public enum Check: Sendable {
        /// The check passed (or the spec declares none: the result says so).
        case passed(ProbeResult)
        /// No check was run (`--no-probe`).
        case skipped
        /// The check failed and the person chose to keep the credentials anyway.
        case keptDespite(CheckFailure)
    }

    public let path: String
    public let check: Check
    /// With the first credentials a store holds: what losing the identity would mean.
    public let identityNotice: IdentityNotice?

    public init(path: String, check: Check, identityNotice: IdentityNotice? = nil) {
        self.path = path
        self.check = check
        self.identityNotice = identityNotice
    }

    /// The one line that tells what happened, for a log or the last screen.
    public var summary: String {
        switch check {
        case let .passed(result) where result.isVerified: return "\(result.message); saved to \(path)"
        case let .passed(result): return "\(result.message); saved unverified to \(path)"
        case .skipped: return "saved unverified (--no-probe) to \(path)"
        case .keptDespite: return "saved unverified to \(path)"
        }
    }

    /// The probe's answer, when one came.
    public var probe: ProbeResult? { check.probe }
}

extension SavedSetup.Check {
    /// The probe's answer, when one came.
    public var probe: ProbeResult? {
        switch self {
        case let .passed(result): return result
        case let .keptDespite(failure): return failure.result
        case .skipped: return nil
        }
    }
}
