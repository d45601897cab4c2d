/// Credentials that were stored, how they were checked, and how that reads: the one account of a save
/// that the forms' last screens, the page and the summary line on stdout all give.
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

    /// Whether the source confirmed the credentials.
    public var isVerified: Bool {
        if case let .passed(result) = check { return result.isVerified }
        return false
    }

    /// The last screen's heading: "Connected as alice", "Connected", "Saved unverified".
    public var headline: String {
        guard isVerified, case let .passed(result) = check else { return "Saved unverified" }
        return result.identity.map { "Connected as \($0)" } ?? "Connected"
    }

    /// What the check found, one sentence in the lower-case voice: "connected to Acme as alice (HTTP
    /// 200, 120 ms)", "not verified with the source (--no-probe)".
    public var checkNote: String {
        switch check {
        case let .passed(result): return result.message
        case .skipped: return "not verified with the source (--no-probe)"
        case let .keptDespite(failure): return "kept although the check did not pass: \(failure.message)"
        }
    }

    /// Where the credentials went: "saved to PATH" (whether they are verified, `checkNote` says).
    public var placeNote: String { "saved to " + path }

    /// The one line that tells what happened, for stdout or a log.
    public var summary: String {
        switch check {
        case let .passed(result) where result.isVerified: return "\(checkNote); saved to \(path)"
        case .passed: return "\(checkNote); saved unverified to \(path)"
        case .skipped: return "saved unverified (--no-probe) to \(path)"
        case .keptDespite: return "saved unverified to \(path)"
        }
    }

    /// The check's answer, when one came.
    public var probe: ProbeResult? { check.probe }
}

extension SavedSetup.Check {
    /// The check's answer, when one came.
    public var probe: ProbeResult? {
        switch self {
        case let .passed(result): return result
        case let .keptDespite(failure): return failure.result
        case .skipped: return nil
        }
    }
}
