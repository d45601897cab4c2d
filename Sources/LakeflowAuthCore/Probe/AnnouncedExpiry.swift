import FoundationEssentials

/// When a source says, on an ordinary API answer, that the credentials used will stop working.
/// GitHub sends `GitHub-Authentication-Token-Expiration: 2026-03-01 12:00:00 UTC` (or with a
/// `+0100`-style offset) for personal access tokens that expire; a check records it, so `status` can
/// warn before the day comes. Headers are matched without regard to case.
public enum AnnouncedExpiry {
    /// The headers known to carry an expiry, each in the format above.
    static let headers = ["github-authentication-token-expiration"]

    /// The expiry the response headers announce; nil when none does or it cannot be read.
    public static func find(in headers: [(String, String)]) -> Date? {
        for name in Self.headers {
            if let value = headers.first(where: { $0.0.lowercased() == name })?.1, let date = parse(value) {
                return date
            }
        }
        return nil
    }

    /// `YYYY-MM-DD HH:MM:SS` then `UTC`, `Z` or `±HHMM`.
    static func parse(_ value: String) -> Date? {
        let parts = value.trimmingSpaces.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else { return nil }
        let zone: String
        switch parts[2] {
        case "UTC", "Z", "GMT": zone = "Z"
        case let offset where offset.count == 5 && (offset.hasPrefix("+") || offset.hasPrefix("-")):
            zone = offset.prefix(3) + ":" + offset.suffix(2)
        default: return nil
        }
        return UTCTimestamp.date(parts[0] + "T" + parts[1] + zone)
    }
}
