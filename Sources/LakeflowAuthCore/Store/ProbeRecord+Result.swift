import FoundationEssentials

extension ProbeRecord {
    /// What is kept of a probe that ran; nil when none could (the spec declares no probe), since a
    /// record means the source was asked.
    public init?(_ result: ProbeResult, at date: Date = Date()) {
        guard result.outcome != .unverified else { return nil }
        self.init(ok: result.isVerified, status: result.status, at: date, identity: result.identity,
                  verdict: CheckVerdict(result.outcome), expiresAt: result.expiresAt)
    }

    /// What is kept of a check that ended before the source judged the credentials: an OAuth
    /// provider's refusal is a rejection, anything else an unanswered check.
    public init(failure error: UserFacingError, at date: Date = Date()) {
        self.init(ok: false, status: nil, at: date, verdict: CheckVerdict(failure: error.exitStatus))
    }
}
