/// Compares a presented secret (token, cookie, CSRF token) with the expected one in a time that does
/// not depend on how much of it matched. Lengths are no secret: every key has a fixed length.
enum ConstantTime {
    static func equals(_ presented: String, _ expected: String) -> Bool {
        let presented = Array(presented.utf8)
        let expected = Array(expected.utf8)
        guard presented.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (one, other) in zip(presented, expected) {
            difference |= one ^ other
        }
        return difference == 0
    }
}
