import Foundation
@testable import LakeflowAuthCore
import Testing

/// GitHub's `github-authentication-token-expiration` header, in the forms it is sent.
@Suite struct AnnouncedExpiryTests {
    @Test func readsTheHeaderWhateverItsCaseAndZone() {
        let utc = AnnouncedExpiry.find(in: [("Content-Type", "application/json"),
                                            ("GitHub-Authentication-Token-Expiration", "2026-03-01 12:00:00 UTC")])
        #expect(utc == UTCTimestamp.date("2026-03-01T12:00:00Z"))
        #expect(AnnouncedExpiry.find(in: [("github-authentication-token-expiration", "2026-03-01 13:00:00 +0100")]) == utc)
        #expect(AnnouncedExpiry.find(in: [("github-authentication-token-expiration", "2026-03-01 04:00:00 -0800")]) == utc)
    }

    @Test(arguments: ["", "never", "2026-03-01", "2026-03-01 12:00:00", "2026-03-01 12:00:00 CET", "2026-13-01 12:00:00 UTC"])
    func anUnreadableValueAnnouncesNothing(value: String) {
        #expect(AnnouncedExpiry.find(in: [("github-authentication-token-expiration", value)]) == nil)
    }

    @Test func otherHeadersAnnounceNothing() {
        #expect(AnnouncedExpiry.find(in: [("Expires", "2026-03-01 12:00:00 UTC")]) == nil)
    }
}
