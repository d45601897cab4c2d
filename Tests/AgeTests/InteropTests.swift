import Age
import Foundation
import Testing

/// Interoperability with the reference implementation (Debian's `age`). These fail, rather than
/// skip, when `age` is missing, so CI must install it.
@Suite("interoperability with the age tool")
struct InteropTests {
    static let plaintext = RoundTripTests.plaintext(200_000)

    @Test("age -d opens what we encrypt to an X25519 recipient", arguments: [false, true])
    func weEncryptAgeDecrypts(armored: Bool) throws {
        let age = try AgeCommand()
        defer { age.removeDirectory() }
        let identity = X25519Identity.generate()
        try age.write(Array(IdentityFile.render(identity, created: Date()).utf8), to: "key.txt")
        try age.write(try Age.encrypt(Self.plaintext, to: [identity.recipient], armored: armored), to: "file.age")
        try age.run(["-d", "-i", age.path("key.txt"), "-o", age.path("out"), age.path("file.age")])
        #expect(try age.read("out") == Self.plaintext)
    }

    @Test("we open what age -e -r encrypts", arguments: [false, true])
    func ageEncryptsWeDecrypt(armored: Bool) throws {
        let age = try AgeCommand()
        defer { age.removeDirectory() }
        let identity = X25519Identity.generate()
        try age.write(Self.plaintext, to: "in")
        try age.run(["-e", "-r", identity.recipient.bech32] + (armored ? ["-a"] : []) + ["-o", age.path("file.age"), age.path("in")])
        let file = try age.read("file.age")
        #expect(file.starts(with: (armored ? "-----BEGIN AGE ENCRYPTED FILE-----" : "age-encryption.org/v1").utf8))
        #expect(try Age.decrypt(file, with: [identity]) == Self.plaintext)
    }

    @Test("we parse identity files written by age-keygen")
    func identityFiles() throws {
        let age = try AgeCommand()
        defer { age.removeDirectory() }
        try age.keygen(to: "generated.txt")
        let identities = try IdentityFile.parse(String(decoding: try age.read("generated.txt"), as: UTF8.self))
        try #require(identities.count == 1)
        try age.write(Self.plaintext, to: "in")
        try age.run(["-e", "-i", age.path("generated.txt"), "-o", age.path("file.age"), age.path("in")])
        #expect(try Age.decrypt(try age.read("file.age"), with: identities) == Self.plaintext)
    }

    @Test("age -d opens what we encrypt with a passphrase", arguments: [false, true])
    func wePassphraseAgeDecrypts(armored: Bool) throws {
        let age = try AgeCommand()
        defer { age.removeDirectory() }
        let recipient = ScryptRecipient(passphrase: "interop passphrase", workFactor: 10)
        try age.write(try Age.encrypt(Self.plaintext, to: [recipient], armored: armored), to: "file.age")
        try age.runOnTerminal(["-d", "-o", age.path("out"), age.path("file.age")], typing: "interop passphrase\n")
        #expect(try age.read("out") == Self.plaintext)
    }

    @Test("we open what age -p encrypts", arguments: [false, true])
    func agePassphraseWeDecrypt(armored: Bool) throws {
        let age = try AgeCommand()
        defer { age.removeDirectory() }
        try age.write(Self.plaintext, to: "in")
        try age.runOnTerminal(["-p"] + (armored ? ["-a"] : []) + ["-o", age.path("file.age"), age.path("in")],
                              typing: "interop passphrase\ninterop passphrase\n")
        let file = try age.read("file.age")
        #expect(try Age.decrypt(file, with: [ScryptIdentity(passphrase: "interop passphrase")]) == Self.plaintext)
        #expect(throws: AgeError.noIdentityMatched) {
            try Age.decrypt(file, with: [ScryptIdentity(passphrase: "another passphrase")])
        }
    }
}
