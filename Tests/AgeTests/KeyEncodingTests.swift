import Age
import Foundation
import Testing

@Suite("keys and identity files")
struct KeyEncodingTests {
    // The example pair from the age specification.
    static let specIdentity = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
    static let specRecipient = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"

    @Test("the specification's identity yields its recipient")
    func specificationKeys() throws {
        let identity = try X25519Identity(bech32: Self.specIdentity)
        #expect(identity.bech32 == Self.specIdentity)
        #expect(identity.recipient.bech32 == Self.specRecipient)
        #expect(try X25519Recipient(bech32: Self.specRecipient).bech32 == Self.specRecipient)
        #expect(try X25519Identity(bech32: Self.specIdentity.lowercased()).bech32 == Self.specIdentity)
    }

    @Test("malformed keys are rejected", arguments: [
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEx",  // mixed case
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEY",  // checksum
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAE",   // truncated
        "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj",              // wrong kind
        "",
    ])
    func malformedIdentity(text: String) {
        #expect(throws: AgeError.self) { try X25519Identity(bech32: text) }
    }

    @Test("a secret key is not a recipient")
    func identityIsNotRecipient() {
        #expect(throws: AgeError.self) { try X25519Recipient(bech32: Self.specIdentity) }
    }

    @Test("generated identities round-trip through bech32")
    func generated() throws {
        let identity = X25519Identity.generate()
        #expect(identity.bech32.hasPrefix("AGE-SECRET-KEY-1"))
        #expect(identity.recipient.bech32.hasPrefix("age1"))
        #expect(try X25519Identity(bech32: identity.bech32).recipient == identity.recipient)
    }

    @Test("identity files render like age-keygen and parse back")
    func identityFile() throws {
        let identity = try X25519Identity(bech32: Self.specIdentity)
        let created = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
        let text = IdentityFile.render(identity, created: created)
        #expect(text == "# created: 2026-11-25T12:00:00Z\n# public key: \(Self.specRecipient)\n\(Self.specIdentity)\n")
        let parsed = try IdentityFile.parse("\n" + text + "\r\n# another\n" + X25519Identity.generate().bech32 + "\n")
        #expect(parsed.count == 2)
        #expect(parsed[0].bech32 == Self.specIdentity)
    }

    @Test("identity files without keys or with junk are rejected", arguments: ["", "# only a comment\n", "not a key\n"])
    func badIdentityFile(text: String) {
        #expect(throws: AgeError.self) { try IdentityFile.parse(text) }
    }
}
