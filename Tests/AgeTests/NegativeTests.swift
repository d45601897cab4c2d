import Age
import Testing

@Suite("failures")
struct NegativeTests {
    let identity = X25519Identity.generate()

    func encrypted(_ count: Int = 100_000) throws -> [UInt8] {
        try Age.encrypt(RoundTripTests.plaintext(count), to: [identity.recipient])
    }

    func headerEnd(_ file: [UInt8]) -> Int {
        let mac = file.indices.first { file[$0...].starts(with: "\n--- ".utf8) }!
        return file[(mac + 1)...].firstIndex(of: 0x0a)! + 1
    }

    @Test("a wrong identity matches nothing")
    func wrongIdentity() throws {
        #expect(throws: AgeError.noIdentityMatched) {
            try Age.decrypt(try encrypted(), with: [X25519Identity.generate()])
        }
    }

    @Test("a wrong passphrase matches nothing")
    func wrongPassphrase() throws {
        let file = try Age.encrypt([1], to: [ScryptRecipient(passphrase: "right", workFactor: 4)])
        #expect(throws: AgeError.noIdentityMatched) {
            try Age.decrypt(file, with: [ScryptIdentity(passphrase: "wrong")])
        }
    }

    @Test("a passphrase file above the maximum work factor is refused")
    func workFactorLimit() throws {
        let file = try Age.encrypt([1], to: [ScryptRecipient(passphrase: "pw", workFactor: 12)])
        #expect(throws: AgeError.self) {
            try Age.decrypt(file, with: [ScryptIdentity(passphrase: "pw", maxWorkFactor: 11)])
        }
    }

    @Test("scrypt cannot be mixed with other recipients")
    func scryptAlone() {
        #expect(throws: AgeError.self) {
            try Age.encrypt([1], to: [ScryptRecipient(passphrase: "pw", workFactor: 4), X25519Identity.generate().recipient])
        }
    }

    @Test("a changed byte in another recipient's stanza or in the MAC fails the MAC")
    func tamperedHeader() throws {
        var file = try Age.encrypt([1], to: [identity.recipient, X25519Identity.generate().recipient])
        let otherShare = file.indices.filter { file[$0...].starts(with: "\n-> X25519 ".utf8) }[1] + 11
        file[otherShare] = file[otherShare] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: AgeError.hmacFailure) { try Age.decrypt(file, with: [identity]) }

        var macTampered = try encrypted()
        let mac = macTampered.indices.first { macTampered[$0...].starts(with: "\n--- ".utf8) }! + 5
        macTampered[mac] = macTampered[mac] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: AgeError.hmacFailure) { try Age.decrypt(macTampered, with: [identity]) }
    }

    @Test("a changed payload byte fails that chunk and releases only earlier chunks")
    func tamperedPayload() throws {
        var file = try encrypted()
        file[headerEnd(file) + 16 + 64 * 1024 + 16 + 3] ^= 0x80
        var released = 0
        #expect(throws: AgeError.self) {
            try Age.decrypt(file, with: [identity]) { released += $0.count }
        }
        #expect(released == 64 * 1024)
        #expect(throws: AgeError.self) { try Age.decrypt(file, with: [identity]) }
    }

    @Test("a truncated file fails", arguments: [1, 16, 64 * 1024 + 16, 50_000])
    func truncated(dropping count: Int) throws {
        let file = try encrypted()
        #expect {
            try Age.decrypt(Array(file.dropLast(count)), with: [identity])
        } throws: { error in
            guard case .payloadFailure = error as? AgeError else { return false }
            return true
        }
    }

    @Test("a file cut inside the header fails as a header failure")
    func truncatedHeader() throws {
        let file = try encrypted()
        #expect {
            try Age.decrypt(Array(file.prefix(headerEnd(file) - 10)), with: [identity])
        } throws: { error in
            guard case .headerFailure = error as? AgeError else { return false }
            return true
        }
    }

    @Test("error descriptions are lower case without a final period or key material")
    func descriptions() throws {
        let errors: [AgeError] = [.noIdentityMatched, .hmacFailure, .headerFailure("x"), .payloadFailure("x"),
                                  .armorFailure("x"), .invalidKey("x"), .invalidIdentityFile("x"), .invalidRecipients("x")]
        for error in errors {
            #expect(error.description.first?.isLowercase == true)
            #expect(!error.description.hasSuffix("."))
        }
        let secret = identity.bech32
        do {
            // A different last character breaks the checksum; the same one would not corrupt anything.
            let replacement = secret.last == "Q" ? "P" : "Q"
            _ = try X25519Identity(bech32: String(secret.dropLast()) + replacement)
            Issue.record("a corrupted key must not decode")
        } catch {
            #expect(!String(describing: error).contains(secret.dropFirst(15).prefix(20)))
        }
    }
}
