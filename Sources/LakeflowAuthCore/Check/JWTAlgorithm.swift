/// The JWS algorithms a check signs with (RFC 7518 §3): what SMART backend services and Google
/// service accounts use.
public enum JWTAlgorithm: String, Sendable, CaseIterable {
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    case es256 = "ES256", es384 = "ES384", es512 = "ES512"

    /// The kind of key it needs, as a message names it.
    var keyKind: String {
        switch self {
        case .rs256, .rs384, .rs512: return "an RSA private key"
        case .es256: return "an EC P-256 private key"
        case .es384: return "an EC P-384 private key"
        case .es512: return "an EC P-521 private key"
        }
    }
}
