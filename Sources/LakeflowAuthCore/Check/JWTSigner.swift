import Crypto
import CryptoExtras
import FoundationEssentials

/// Signs a JWT assertion as a connector does for a token request: JOSE header, claims with `iat` and
/// `exp` (and `nbf`, `jti` where asked), base64url, signed with swift-crypto (ECDSA with the raw
/// r‖s signature JOSE uses; RSA with PKCS #1 v1.5 padding).
struct JWTSigner {
    /// Why the key cannot sign; the message never quotes the key.
    struct KeyProblem: Error, Equatable {
        let problem: String
    }

    let algorithm: JWTAlgorithm
    let pem: String

    func sign(header extra: [(String, JSONValue)], claims: [(String, JSONValue)], lifetime: Int, additions: [JWTTemplate.Addition],
              now: Date = Date()) throws(KeyProblem) -> String {
        let issued = Int(now.timeIntervalSince1970)
        var payload = claims.filter { !["iat", "exp"].contains($0.0) }
        payload += [("iat", .integer(issued)), ("exp", .integer(issued + lifetime))]
        if additions.contains(.nbf) { payload.append(("nbf", .integer(issued))) }
        if additions.contains(.jti) { payload.append(("jti", .string(UUID().uuidString.lowercased()))) }
        let header = [("alg", JSONValue.string(algorithm.rawValue)), ("typ", .string("JWT"))]
            + extra.filter { !["alg", "typ"].contains($0.0) }
        let input = Self.base64URL(Data(JSONValue.object(header).serialized().utf8)) + "."
            + Self.base64URL(Data(JSONValue.object(payload).serialized().utf8))
        return input + "." + Self.base64URL(try signature(Data(input.utf8)))
    }

    func signature(_ data: Data) throws(KeyProblem) -> Data {
        guard let block = PEMBlock(pem) else {
            throw KeyProblem(problem: "is not a PEM private key (-----BEGIN PRIVATE KEY----- …)")
        }
        guard !block.label.contains("ENCRYPTED") else {
            throw KeyProblem(problem: "is an encrypted private key, which a check cannot open")
        }
        guard block.label.hasSuffix("PRIVATE KEY") else {
            throw KeyProblem(problem: "is a PEM \(block.label.lowercased()), not a private key")
        }
        do {
            switch algorithm {
            case .rs256, .rs384, .rs512:
                let key = try _RSA.Signing.PrivateKey(pemRepresentation: block.text)
                switch algorithm {
                case .rs384: return try key.signature(for: SHA384.hash(data: data), padding: .insecurePKCS1v1_5).rawRepresentation
                case .rs512: return try key.signature(for: SHA512.hash(data: data), padding: .insecurePKCS1v1_5).rawRepresentation
                default: return try key.signature(for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5).rawRepresentation
                }
            case .es256: return try P256.Signing.PrivateKey(pemRepresentation: block.text).signature(for: data).rawRepresentation
            case .es384: return try P384.Signing.PrivateKey(pemRepresentation: block.text).signature(for: data).rawRepresentation
            case .es512: return try P521.Signing.PrivateKey(pemRepresentation: block.text).signature(for: data).rawRepresentation
            }
        } catch {
            throw KeyProblem(problem: "is not \(algorithm.keyKind) that \(algorithm.rawValue) can sign with")
        }
    }

    static func base64URL(_ data: Data) -> String {
        String(data.base64EncodedString().compactMap { character -> Character? in
            switch character {
            case "+": return "-"
            case "/": return "_"
            case "=": return nil
            default: return character
            }
        })
    }
}
