import LakeflowAuthCore
import Testing

/// One mask everywhere: as wide whatever the value, a tail only of long one-line values.
@Suite struct StoreMaskingTests {
    @Test(arguments: [
        ("", "••••••••"),
        ("abc", "••••••••"),
        ("password", "••••••••"),
        ("nineteen-characters", "••••••••"),
        ("twenty-characters-xy", "••••s-xy"),
        ("sk_live_0123456789abcdef", "••••cdef"),
        ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n", "••••••••"),
        ("a-tab-inside-a-long-value\t", "••••••••"),
    ])
    func showsATailOnlyOfLongOneLineValues(secret: String, masked: String) {
        #expect(Masking.mask(secret) == masked)
        #expect(Masking.mask(secret).count == Masking.width)
    }

    @Test func aURLsPasswordIsMaskedTheSameWay() {
        #expect(Masking.maskingURLPassword("https://ops:pw@db.example/x") == "https://ops:••••••••@db.example/x")
    }
}
