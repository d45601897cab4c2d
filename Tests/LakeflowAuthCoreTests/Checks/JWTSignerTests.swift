import Crypto
import CryptoExtras
import Foundation
@testable import LakeflowAuthCore
import Testing

/// JWT assertions as checks sign them: each algorithm's signature verifies with the key's public half,
/// keys are taken as people paste them, and a bad key is a clear error naming the option.
struct JWTSignerTests {
    static func key(_ name: String) throws -> String {
        try String(contentsOf: PackagePaths.root.appendingPathComponent("Tests/Fixtures/keys/\(name).pem"), encoding: .utf8)
    }

    static func parts(_ token: String) throws -> (header: JSONValue, claims: JSONValue, input: Data, signature: Data) {
        let pieces = token.split(separator: ".").map(String.init)
        try #require(pieces.count == 3)
        func decoded(_ text: String) throws -> Data {
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            return try #require(Data(base64Encoded: base64))
        }
        return (try JSONParser.parse([UInt8](try decoded(pieces[0]))), try JSONParser.parse([UInt8](try decoded(pieces[1]))),
                Data((pieces[0] + "." + pieces[1]).utf8), try decoded(pieces[2]))
    }

    static func sign(_ algorithm: JWTAlgorithm, _ pem: String, now: Date = Date(timeIntervalSince1970: 1_800_000_000)) throws -> String {
        try JWTSigner(algorithm: algorithm, pem: pem).sign(
            header: [("kid", .string("key-1"))], claims: [("iss", .string("app")), ("aud", .string("https://auth.example/token"))],
            lifetime: 300, additions: [.jti], now: now)
    }

    @Test(arguments: [(JWTAlgorithm.rs256, "rsa1"), (.rs384, "rsa8"), (.rs512, "rsa1")])
    func rsaSignaturesVerifyWithThePublicKey(algorithm: JWTAlgorithm, keyName: String) throws {
        let pem = try Self.key(keyName)
        let (header, claims, input, signature) = try Self.parts(try Self.sign(algorithm, pem))
        #expect(header.serialized() == #"{"alg":"\#(algorithm.rawValue)","typ":"JWT","kid":"key-1"}"#)
        #expect(claims["iat"] == .integer(1_800_000_000) && claims["exp"] == .integer(1_800_000_300))
        #expect(claims["iss"] == .string("app") && claims["jti"]?.stringValue?.count == 36 && claims["nbf"] == nil)
        let publicKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem).publicKey
        let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
        let valid: Bool
        switch algorithm {
        case .rs384: valid = publicKey.isValidSignature(rsaSignature, for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5)
        case .rs512: valid = publicKey.isValidSignature(rsaSignature, for: SHA512.hash(data: input), padding: .insecurePKCS1v1_5)
        default: valid = publicKey.isValidSignature(rsaSignature, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5)
        }
        #expect(valid)
        #expect(!publicKey.isValidSignature(rsaSignature, for: SHA256.hash(data: Data("other".utf8)), padding: .insecurePKCS1v1_5))
    }

    /// JOSE wants ECDSA's raw r‖s, not DER: 64, 96 and 132 bytes.
    @Test func ecSignaturesAreRawAndVerify() throws {
        let p256 = try Self.parts(try Self.sign(.es256, try Self.key("ec256")))
        #expect(p256.signature.count == 64)
        #expect(try P256.Signing.PrivateKey(pemRepresentation: try Self.key("ec256")).publicKey
            .isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: p256.signature), for: p256.input))
        let p256pkcs8 = try Self.parts(try Self.sign(.es256, try Self.key("ec256p8")))
        #expect(try P256.Signing.PrivateKey(pemRepresentation: try Self.key("ec256p8")).publicKey
            .isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: p256pkcs8.signature), for: p256pkcs8.input))
        let p384 = try Self.parts(try Self.sign(.es384, try Self.key("ec384")))
        #expect(p384.signature.count == 96)
        #expect(try P384.Signing.PrivateKey(pemRepresentation: try Self.key("ec384")).publicKey
            .isValidSignature(try P384.Signing.ECDSASignature(rawRepresentation: p384.signature), for: p384.input))
        let p521 = try Self.parts(try Self.sign(.es512, try Self.key("ec521")))
        #expect(p521.signature.count == 132)
        #expect(try P521.Signing.PrivateKey(pemRepresentation: try Self.key("ec521")).publicKey
            .isValidSignature(try P521.Signing.ECDSASignature(rawRepresentation: p521.signature), for: p521.input))
    }

    /// A one-line field joins a key's lines with spaces; a JSON string writes them `\n`.
    @Test(arguments: ["spaces", "escaped", "indented"])
    func keysArePastedAsPeoplePasteThem(form: String) throws {
        let pem = try Self.key("rsa1")
        let pasted: String
        switch form {
        case "spaces": pasted = pem.split(separator: "\n").joined(separator: " ")
        case "escaped": pasted = pem.replacingOccurrences(of: "\n", with: "\\n")
        default: pasted = "\n   " + pem.split(separator: "\n").joined(separator: "\n   ") + "\n\n"
        }
        let (_, _, input, signature) = try Self.parts(try Self.sign(.rs256, pasted))
        #expect(try _RSA.Signing.PrivateKey(pemRepresentation: pem).publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
    }

    @Test(arguments: [
        ("not a key", "is not a PEM private key"),
        ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "is not an RSA private key that RS256 can sign with"),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", "is an encrypted private key"),
        ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "is a PEM certificate, not a private key"),
    ])
    func aBadKeyIsAClearProblem(pem: String, problem: String) {
        let error = #expect(throws: JWTSigner.KeyProblem.self) { try Self.sign(.rs256, pem) }
        #expect(error?.problem.hasPrefix(problem) == true)
    }

    @Test func anECKeyForAnRSAAlgorithmIsRefused() throws {
        let error = #expect(throws: JWTSigner.KeyProblem.self) { try Self.sign(.rs256, try Self.key("ec256")) }
        #expect(error?.problem == "is not an RSA private key that RS256 can sign with")
        let wrongCurve = #expect(throws: JWTSigner.KeyProblem.self) { try Self.sign(.es384, try Self.key("ec256")) }
        #expect(wrongCurve?.problem == "is not an EC P-384 private key that ES384 can sign with")
    }
}
