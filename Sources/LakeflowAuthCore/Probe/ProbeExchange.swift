import FoundationEssentials

/// What happened on the wire for one probe, before any of it is interpreted.
struct ProbeExchange: Sendable {
    var status: Int?
    var retryAfter: String?
    /// At most the response limit.
    var body: Data = Data()
    var bodyExceededLimit = false
    /// A redirect that was not followed: to another origin, or past the redirect limit.
    var redirectRefused = false
    var failure: ProbeOutcome.NetworkFailure?
    var latency: Duration?
    /// The expiry the final answer announced for the credentials (`AnnouncedExpiry`).
    var announcedExpiry: Date?
}
