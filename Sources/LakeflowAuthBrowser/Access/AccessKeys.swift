/// The secrets of one browser form: the one-time token in the printed URL, the session cookie it is
/// traded for, and the CSRF token every post carries. Each is 128 bits or more from the system's
/// secure generator; none is ever logged.
struct AccessKeys: Sendable {
    /// 128 bits, in the printed URL; it works once.
    let urlToken: String
    /// 256 bits, the session cookie's value.
    let sessionCookie: String
    /// 256 bits, in a hidden field of every form.
    let csrfToken: String

    init() {
        urlToken = Self.randomHex(bytes: 16)
        sessionCookie = Self.randomHex(bytes: 32)
        csrfToken = Self.randomHex(bytes: 32)
    }

    /// A fresh nonce for one page's style and script (CSP).
    static func nonce() -> String { randomHex(bytes: 16) }

    /// `SystemRandomNumberGenerator` reads the kernel's generator (getrandom), which is meant for keys.
    private static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }.joined()
    }
}
