import Age
import Crypto
import FoundationEssentials

/// The MAC that says this machine wrote an envelope: HMAC-SHA256 over the envelope's exact bytes
/// without it, keyed by HKDF-SHA256 from the identity's X25519 secret key. It is the envelope's last
/// member, `"mac":"hmac-sha256:<base64>"`, so the bytes it covers are the plaintext with that member
/// cut out, byte for byte, whatever wrote them: no canonical form to agree on. A file without one (an
/// older version's, the age tool's) or with one that does not verify was written elsewhere.
enum EnvelopeSeal {
    static let member = "mac"
    private static let keyUse = "lakeflow-auth credential envelope mac v1"
    private static let marker = Array(",\"\(member)\":\"hmac-sha256:".utf8)
    private static let ending = Array("\"}".utf8)
    /// Base64 of 32 bytes, padded.
    private static let macLength = 44

    /// `envelope`, a compact JSON object, with the MAC of its bytes appended as its last member.
    static func sealed(_ envelope: [UInt8], by identity: MachineIdentity) -> [UInt8] {
        let code = HMAC<SHA256>.authenticationCode(for: envelope, using: key(identity.identities[0]))
        return envelope.dropLast() + marker + Array(Data(code).base64EncodedString().utf8) + ending
    }

    /// Whether `plaintext` ends with a MAC one of the identity's keys made over the rest of it.
    static func isSealed(_ plaintext: [UInt8], by identity: MachineIdentity) -> Bool {
        let start = plaintext.count - ending.count - macLength - marker.count
        guard start > 0, plaintext.suffix(ending.count).elementsEqual(ending),
              plaintext[start..<start + marker.count].elementsEqual(marker),
              let code = Data(base64Encoded: Data(plaintext[(start + marker.count)..<(plaintext.count - ending.count)])),
              code.count == 32 else { return false }
        let covered = Array(plaintext[..<start]) + [UInt8(ascii: "}")]
        return identity.identities.contains { HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: covered, using: key($0)) }
    }

    static func key(_ identity: X25519Identity) -> SymmetricKey {
        identity.derivedKey(info: keyUse)
    }
}
