import Foundation
import LakeflowAuthCore
import Testing

struct UTCTimestampTests {
    @Test func writesWholeSecondsInUTC() {
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 1_750_000_000.9)) == "2025-06-15T15:06:40Z")
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test(arguments: [
        ("2025-06-15T15:06:40Z", 1_750_000_000.0),
        ("2025-06-15t15:06:40z", 1_750_000_000.0),
        ("2025-06-15T15:06:40.123Z", 1_750_000_000.0),
        ("2025-06-15T17:06:40+02:00", 1_750_000_000.0),
        ("2025-06-15T10:06:40-05:00", 1_750_000_000.0),
    ])
    func readsRFC3339(text: String, seconds: Double) {
        #expect(UTCTimestamp.date(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "2025-06-15", "2025-06-15T15:06:40", "2025-13-15T15:06:40Z", "2025-06-15T15:06:40Zjunk",
                      "2025-06-15T15:06:40.Z", "2025-06-15T25:06:40Z", "２０２５-06-15T15:06:40Z"])
    func refusesAnythingElse(text: String) {
        #expect(UTCTimestamp.date(text) == nil)
    }

    @Test func roundTripsThroughTheEnvelopeFormat() {
        let now = Date()
        let text = UTCTimestamp.string(now)
        #expect(UTCTimestamp.date(text) == Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
    }
}
