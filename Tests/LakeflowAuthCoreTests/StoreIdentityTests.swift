import Age
import Foundation
import LakeflowAuthCore
import Synchronization
import Testing

@Suite struct StoreIdentityTests {
    @Test(arguments: [mode_t(0o640), 0o604, 0o644])
    func anIdentityFileOthersCanReadIsRefused(mode: mode_t) throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        chmod(temp.location.identityPath, mode)
        let error = #expect(throws: StoreError.self) { try temp.store().open("acme") }
        #expect(error == .identityExposed(path: temp.location.identityPath))
        #expect(error?.exitStatus == .storeFailure)
        #expect(error?.hints == ["chmod 600 \(temp.location.identityPath)"])
    }

    @Test func aPassphraseProtectsTheIdentityFile() throws {
        let temp = TemporaryStore()
        try temp.store(passphrase: "correct horse").save(Sample.envelope())
        let file = String(decoding: temp.bytes(temp.location.identityPath), as: UTF8.self)
        #expect(file.hasPrefix("-----BEGIN AGE ENCRYPTED FILE-----"))
        #expect(!file.contains("AGE-SECRET-KEY"))
        #expect(try temp.store(passphrase: "correct horse").open("acme") == Sample.envelope())
    }

    @Test func aWrongPassphraseIsAStoreError() throws {
        let temp = TemporaryStore()
        try temp.store(passphrase: "correct horse").save(Sample.envelope())
        let before = temp.bytes(temp.location.credentialPath("acme"))
        let error = #expect(throws: StoreError.self) { try temp.store(passphrase: "battery staple").open("acme") }
        #expect(error == .wrongPassphrase(path: temp.location.identityPath))
        #expect(error?.exitStatus == .storeFailure)
        #expect(throws: StoreError.wrongPassphrase(path: temp.location.identityPath)) {
            try temp.store(passphrase: "battery staple").save(Sample.envelope(apiKey: "overwritten"))
        }
        #expect(temp.bytes(temp.location.credentialPath("acme")) == before)
    }

    @Test func withoutAPassphraseThePromptIsAskedAndOtherwiseItIsRequired() throws {
        let temp = TemporaryStore()
        try temp.store(passphrase: "correct horse").save(Sample.envelope())
        let asked = Mutex<[String]>([])
        let prompted = temp.store(prompt: { path, _ in
            asked.withLock { $0.append(path) }
            return "correct horse"
        })
        #expect(try prompted.open("acme") == Sample.envelope())
        #expect(asked.withLock { $0 } == [temp.location.identityPath])
        #expect(throws: StoreError.passphraseRequired(path: temp.location.identityPath)) { try temp.store().open("acme") }
    }

    /// A person gets three tries, told which one each is; the hint names LAKEFLOW_AUTH_PASSPHRASE only
    /// when that variable gave the wrong one.
    @Test func aPersonGetsThreeAttemptsAndTheHintNamesTheVariableOnlyWhenItIsSet() throws {
        let temp = TemporaryStore()
        try temp.store(passphrase: "correct horse").save(Sample.envelope())
        let attempts = Mutex<[Int]>([])
        let third = temp.store(prompt: { _, attempt in
            attempts.withLock { $0.append(attempt) }
            return attempt == 3 ? "correct horse" : "wrong \(attempt)"
        })
        #expect(try third.open("acme") == Sample.envelope())
        #expect(attempts.withLock { $0 } == [1, 2, 3])
        let never = temp.store(prompt: { _, attempt in "wrong \(attempt)" })
        let typed = #expect(throws: StoreError.self) { try never.open("acme") }
        #expect(typed == .passphrasesRefused(path: temp.location.identityPath, attempts: 3))
        #expect(typed?.hints.contains { $0.contains(IdentityKeeper.passphraseVariable) } == false)
        let fromVariable = #expect(throws: StoreError.self) { try temp.store(passphrase: "battery staple").open("acme") }
        #expect(fromVariable?.hints.contains { $0.contains(IdentityKeeper.passphraseVariable) } == true)
    }

    @Test(arguments: ["garbage\n", "AGE-SECRET-KEY-1QQQQ\n", "# only a comment\n", ""])
    func aCorruptedIdentityFileIsAStoreError(contents: String) throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        temp.write(Array(contents.utf8), to: temp.location.identityPath)
        let error = #expect(throws: StoreError.self) { try temp.store().save(Sample.envelope(apiKey: "overwritten")) }
        guard case .corruptIdentity(temp.location.identityPath, _)? = error else {
            Issue.record("expected a corrupted identity, got \(String(describing: error))")
            return
        }
        #expect(error?.exitStatus == .storeFailure)
        #expect(error?.message.contains("AGE-SECRET-KEY-1Q") == false)
    }

    @Test func aDamagedProtectedIdentityFileIsCorruptNotAWrongPassphrase() throws {
        let temp = TemporaryStore()
        try temp.store(passphrase: "correct horse").save(Sample.envelope())
        var armored = temp.bytes(temp.location.identityPath)
        let position = armored.count - 60
        armored[position] = armored[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        temp.write(armored, to: temp.location.identityPath)
        let error = #expect(throws: StoreError.self) { try temp.store(passphrase: "correct horse").open("acme") }
        guard case .corruptIdentity? = error else {
            Issue.record("expected a corrupted identity, got \(String(describing: error))")
            return
        }
    }

    @Test func recipientsFileKeysCanOpenEverySavedFile() throws {
        let temp = TemporaryStore()
        let teammate = X25519Identity.generate()
        _ = try temp.store().publicKey()
        temp.write(Array("# alice's laptop\n\n\(teammate.recipient.bech32)\n".utf8), to: temp.location.recipientsPath)
        try temp.store().save(Sample.envelope())

        let theirs = TemporaryStore()
        try FileManager.default.createDirectory(atPath: theirs.location.credentialsFolder, withIntermediateDirectories: true)
        theirs.write(Array(IdentityFile.render(teammate, created: Date()).utf8), to: theirs.location.identityPath)
        theirs.write(temp.bytes(temp.location.credentialPath("acme")), to: theirs.location.credentialPath("acme"))
        #expect(try theirs.store().open("acme") == Sample.envelope())
    }

    @Test func aBadRecipientsLineIsNamedAndNothingIsWritten() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let before = temp.bytes(temp.location.credentialPath("acme"))
        temp.write(Array("# team\n\(X25519Identity.generate().recipient.bech32)\nage1notakey\n".utf8), to: temp.location.recipientsPath)
        let error = #expect(throws: StoreError.self) { try temp.store().save(Sample.envelope(apiKey: "overwritten")) }
        #expect(error == .invalidRecipient(path: temp.location.recipientsPath, line: 3))
        #expect(error?.message == "\(temp.location.recipientsPath):3: not an age public key (age1…)")
        #expect(temp.bytes(temp.location.credentialPath("acme")) == before)
    }

    @Test func aFileForAnotherIdentityNamesThisMachinesKey() throws {
        let temp = TemporaryStore()
        let publicKey = try temp.store().publicKey()
        let stranger = X25519Identity.generate()
        let file = try Age.encrypt(Array(Sample.envelope().json.serialized().utf8), to: [stranger.recipient])
        try FileManager.default.createDirectory(atPath: temp.location.credentialsFolder, withIntermediateDirectories: true)
        temp.write(file, to: temp.location.credentialPath("acme"))
        let error = #expect(throws: StoreError.self) { try temp.store().open("acme") }
        #expect(error?.exitStatus == .storeFailure)
        #expect(error?.message.contains(publicKey) == true)
        #expect(error?.hints.first?.contains("recipients.txt") == true)
    }
}
