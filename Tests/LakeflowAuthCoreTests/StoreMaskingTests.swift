import LakeflowAuthCore
import Testing

@Suite struct StoreMaskingTests {
    @Test(arguments: [
        ("", "••••"),
        ("abc", "••••"),
        ("abcdefg", "••••"),
        ("abcdefgh", "••••gh"),
        ("abcdefghijkl", "••••jkl"),
        ("sk_live_0123456789abcdef", "••••cdef"),
    ])
    func masksAllButAShortTail(secret: String, masked: String) {
        #expect(Masking.mask(secret) == masked)
    }
}
