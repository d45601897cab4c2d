import LakeflowAuthCore
import Testing

@Suite struct StoreMaskingTests {
    @Test(arguments: [
        ("", "••••"),
        ("abc", "••••"),
        ("password", "••••"),
        ("nineteen-characters", "••••"),
        ("twenty-characters-xy", "••••s-xy"),
        ("sk_live_0123456789abcdef", "••••cdef"),
    ])
    func showsATailOnlyOfLongValues(secret: String, masked: String) {
        #expect(Masking.mask(secret) == masked)
    }
}
