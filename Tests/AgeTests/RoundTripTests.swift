import Age
import Testing

@Suite("round trips")
struct RoundTripTests {
    static let sizes = [0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024 + 17]

    static func plaintext(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    }

    @Test("X25519", arguments: sizes, [false, true])
    func x25519(size: Int, armored: Bool) throws {
        let identity = X25519Identity.generate()
        let file = try Age.encrypt(Self.plaintext(size), to: [identity.recipient], armored: armored)
        #expect(file.starts(with: (armored ? "-----BEGIN AGE ENCRYPTED FILE-----\n" : "age-encryption.org/v1\n").utf8))
        #expect(try Age.decrypt(file, with: [identity]) == Self.plaintext(size))
    }

    @Test("scrypt with a low work factor", arguments: sizes, [false, true])
    func scrypt(size: Int, armored: Bool) throws {
        let file = try Age.encrypt(Self.plaintext(size), to: [ScryptRecipient(passphrase: "correct horse", workFactor: 4)], armored: armored)
        #expect(try Age.decrypt(file, with: [ScryptIdentity(passphrase: "correct horse")]) == Self.plaintext(size))
    }

    @Test("scrypt with the default work factor of 18")
    func scryptDefaultWorkFactor() throws {
        let file = try Age.encrypt(Array("secret".utf8), to: [ScryptRecipient(passphrase: "pw")])
        #expect(String(decoding: file, as: UTF8.self).contains("-> scrypt "))
        #expect(String(decoding: file, as: UTF8.self).contains(" 18\n"))
        #expect(try Age.decrypt(file, with: [ScryptIdentity(passphrase: "pw")]) == Array("secret".utf8))
    }

    @Test("several recipients can each decrypt")
    func multipleRecipients() throws {
        let alice = X25519Identity.generate(), bob = X25519Identity.generate()
        let file = try Age.encrypt([1, 2, 3], to: [alice.recipient, bob.recipient])
        #expect(try Age.decrypt(file, with: [bob]) == [1, 2, 3])
        #expect(try Age.decrypt(file, with: [X25519Identity.generate(), alice]) == [1, 2, 3])
    }

    @Test("verified chunks are released one 64 KiB chunk at a time")
    func chunkedRelease() throws {
        let identity = X25519Identity.generate()
        let file = try Age.encrypt(Self.plaintext(2 * 64 * 1024 + 5), to: [identity.recipient])
        var chunks: [Int] = []
        try Age.decrypt(file, with: [identity]) { chunks.append($0.count) }
        #expect(chunks == [64 * 1024, 64 * 1024, 5])
    }
}
