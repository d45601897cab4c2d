import Foundation

extension ProbeRecord {
    /// What is kept of a probe that ran; nil when none could (the spec declares no probe), since a
    /// record means the source was asked.
    public init?(_ result: ProbeResult, at date: Date = Date()) {
        guard result.outcome != .unverified else { return nil }
        self.init(ok: result.isVerified, status: result.status, at: date, identity: result.identity)
    }
}
