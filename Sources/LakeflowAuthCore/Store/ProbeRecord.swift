import FoundationEssentials

/// What is remembered of the last probe of stored credentials: enough for `list`, `show` and `status`
/// to say whether they were verified, never anything the source sent back beyond the identity it
/// named and the expiry it announced.
public struct ProbeRecord: Sendable, Equatable {
    public var ok: Bool
    /// The HTTP status of the probe call; nil when no response came back.
    public var status: Int?
    public var at: Date
    /// Who the source said the credentials belong to (a user name or account), when it said.
    public var identity: String?
    /// Verified, rejected or unreachable. Records written before it was kept are read by `ok` and
    /// `status`: a 401 or 403 was a rejection, anything else that failed went unanswered.
    public var verdict: CheckVerdict
    /// When the source said the credentials expire (GitHub's token expiration header), if it said.
    public var expiresAt: Date?

    public init(ok: Bool, status: Int?, at: Date, identity: String? = nil, verdict: CheckVerdict? = nil,
                expiresAt: Date? = nil) {
        self.ok = ok
        self.status = status
        self.at = at.wholeSeconds
        self.identity = identity
        self.verdict = verdict ?? (ok ? .verified : [401, 403].contains(status) ? .rejected : .unreachable)
        self.expiresAt = expiresAt?.wholeSeconds
    }
}

extension Date {
    /// Stored times are written to the second, so a value read back compares equal to the one saved.
    var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
