import Foundation
import LakeflowAuthCore
import Testing

@Suite struct CredentialDisplayTests {
    @Test func aFailedProbeIsNamedOnceInShowAndList() throws {
        let failed = ProbeRecord(ok: false, status: 401, at: Date(timeIntervalSince1970: 1_750_000_001))
        let envelope = Sample.envelope(probe: failed)
        let shown = CredentialDisplay.text(envelope, reveal: false)
        #expect(shown.contains("\nstatus: check failed (HTTP 401) 2025-06-15T15:06:41Z\n"))
        #expect(!shown.contains("probe: check"))
        #expect(CredentialListing.probeSummary(failed) == "check failed (HTTP 401) 2025-06-15T15:06:41Z")
    }

    /// The access token an OAuth flow granted is a secret like the options: masked unless revealed.
    @Test func theAccessTokenIsMaskedInJSONUnlessRevealed() {
        let envelope = CredentialEnvelope(connector: "gmail", authMethod: nil, options: [("refresh_token", .string("rt-secret-1"))],
                                          secretOptions: ["refresh_token"], envVars: nil, savedAt: Date(), probe: nil,
                                          oauth: OAuthAccessToken(token: "at-secret-0123", expiresAt: nil))
        let masked = CredentialDisplay.json(envelope, reveal: false)
        #expect(!masked.contains("at-secret-0123") && !masked.contains("rt-secret-1"))
        #expect(masked.contains("\"access_token\": \"\(Masking.mask("at-secret-0123"))\""))
        #expect(CredentialDisplay.json(envelope, reveal: true).contains("at-secret-0123"))
    }
}
