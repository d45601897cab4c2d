import Foundation

/// What is remembered of the last probe of stored credentials: enough for `list` and `show` to say
/// whether they were verified, never anything the source sent back beyond the identity it named.
public struct ProbeRecord: Sendable, Equatable {
    public var ok: Bool
    /// The HTTP status of the probe call; nil when no response came back.
    public var status: Int?
    public var at: Date
    /// Who the source said the credentials belong to (a user name or account), when it said.
    public var identity: String?

    public init(ok: Bool, status: Int?, at: Date, identity: String? = nil) {
        self.ok = ok
        self.status = status
        self.at = at.wholeSeconds
        self.identity = identity
    }
}

extension Date {
    /// Stored times are written to the second, so a value read back compares equal to the one saved.
    var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
