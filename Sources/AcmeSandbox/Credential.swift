import FoundationEssentials
import LoopbackHTTP

/// The secret a request presents, parsed from its `Authorization` header.
enum Credential: Equatable {
    case bearer(String)
    case basic(username: String, password: String)

    /// `nil` for a missing or malformed header: both answer 401, since the
    /// sandbox mimics a service that does not explain why it refused.
    init?(authorizationHeader header: String?) {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased()
        let value = parts[1].trimmingFieldSpaces
        guard !value.isEmpty else { return nil }

        switch scheme {
        case "bearer":
            self = .bearer(value)
        case "basic":
            guard let data = Data(base64Encoded: value),
                  let decoded = String(data: data, encoding: .utf8),
                  let colon = decoded.firstIndex(of: ":") else { return nil }
            // RFC 7617: the username cannot contain a colon, the password can.
            self = .basic(
                username: String(decoded[..<colon]),
                password: String(decoded[decoded.index(after: colon)...])
            )
        default:
            return nil
        }
    }
}

/// Compares secrets without an early exit, so response timing does not reveal
/// how much of a guessed key was right. Only the length can leak.
func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf8)
    let b = Array(rhs.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices {
        difference |= a[index] ^ b[index]
    }
    return difference == 0
}
