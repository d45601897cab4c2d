import Foundation
import LakeflowAuthCore
import Testing

@Suite struct CredentialDisplayTests {
    @Test func aFailedProbeIsNamedOnceInShowAndList() throws {
        let failed = ProbeRecord(ok: false, status: 401, at: Date(timeIntervalSince1970: 1_750_000_001))
        let envelope = Sample.envelope(probe: failed)
        let shown = CredentialDisplay.text(envelope, reveal: false)
        #expect(shown.contains("\nstatus: probe failed (HTTP 401) 2025-06-15T15:06:41Z\n"))
        #expect(!shown.contains("probe: probe"))
        #expect(CredentialListing.probeSummary(failed) == "probe failed (HTTP 401) 2025-06-15T15:06:41Z")
    }
}
