import Age
import Crypto
import FoundationEssentials

/// Proof Key for Code Exchange (RFC 7636), S256 only: the verifier stays here until the token request;
/// the authorization request carries only its hash.
public struct PKCE: Sendable {
    public static let method = "S256"

    /// 32 random bytes, base64url: 43 characters, the RFC's minimum length and its recommendation.
    public let verifier: String

    public init() {
        verifier = Base64URL.encode(SecureRandom.bytes(32))
    }

    public var challenge: String { Self.challenge(of: verifier) }

    /// BASE64URL(SHA256(verifier)), as the authorization request carries it.
    public static func challenge(of verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Data(verifier.utf8))))
    }
}

/// Base64 with the URL alphabet and no padding, as PKCE and `state` values travel in URLs.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_")
            .replacing("=", with: "")
    }
}
