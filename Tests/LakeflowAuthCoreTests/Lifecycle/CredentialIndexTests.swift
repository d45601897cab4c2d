import Age
import Foundation
import LakeflowAuthCore
import Testing

/// `status` and `list` read `credentials/index.json` instead of the files, so they need no passphrase;
/// an entry counts only for the exact file it was written for, and anything else is read from the file.
@Suite struct CredentialIndexTests {
    static let checked = ProbeRecord(ok: true, status: 200, at: Date(timeIntervalSince1970: 1_760_000_000), identity: "alice",
                                     expiresAt: Date(timeIntervalSince1970: 1_770_000_000))

    @Test func aProtectedStoreIsListedWithoutItsPassphrase() throws {
        let temp = TemporaryStore()
        try temp.store(passphrase: "correct horse").save(Sample.envelope(probe: Self.checked))
        let locked = temp.store()
        #expect(locked.keeper.needsPassphrase)
        let listed = try locked.list()
        guard case let .readable(facts)? = listed.first?.contents else {
            Issue.record("not listed from the index: \(listed)")
            return
        }
        #expect(facts.name == StoredCredentialName(connector: "acme", profile: "default"))
        #expect(facts.authMethod == "api_key")
        #expect(facts.probe == Self.checked)
        #expect(facts.savedAt == Date(timeIntervalSince1970: 1_750_000_000))
    }

    @Test func theIndexHoldsNoSecret() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope(probe: Self.checked))
        let index = String(decoding: temp.bytes(temp.location.indexPath), as: UTF8.self)
        #expect(index.contains(#""connector":"acme""#) && index.contains(#""identity":"alice""#))
        #expect(!index.contains("sk_live"))
        #expect(temp.mode(temp.location.indexPath) == 0o600)
        let sha256sum = Process()
        sha256sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sha256sum.arguments = [temp.location.credentialPath("acme")]
        let output = Pipe()
        sha256sum.standardOutput = output
        try sha256sum.run()
        sha256sum.waitUntilExit()
        let digest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        try? output.fileHandleForReading.close()
        #expect(index.contains(#""acme.age":{"sha256":"\#(digest)""#), "each entry is bound to its file's SHA-256")
    }

    @Test func aFileChangedBehindTheIndexIsReadFromTheFileAndIndexedAgain() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope(probe: Self.checked))
        // The age tool, or a teammate's copy, writes the file; the index still describes the old one.
        let identity = try temp.store().keeper.load()
        let text = #"{"format":1,"connector":"acme","auth_method":"basic","options":{"region":"eu"},"saved_at":"2026-01-01T00:00:00Z","probe":null}"#
        temp.write(try Age.encrypt(Array(text.utf8), to: [identity.recipient]), to: temp.location.credentialPath("acme"))
        let listed = try temp.store().list()
        guard case let .readable(facts)? = listed.first?.contents else {
            Issue.record("unexpected: \(listed)")
            return
        }
        #expect(facts.authMethod == "basic" && facts.probe == nil)
        #expect(String(decoding: temp.bytes(temp.location.indexPath), as: UTF8.self).contains(#""auth_method":"basic""#))
    }

    @Test func anEntryThatDoesNotMatchItsFileIsNotBelieved() throws {
        let temp = TemporaryStore()
        try temp.store(passphrase: "pw").save(Sample.envelope(probe: Self.checked))
        var index = String(decoding: temp.bytes(temp.location.indexPath), as: UTF8.self)
        index = index.replacingOccurrences(of: #""result":"verified""#, with: #""result":"rejected""#)
        let digest = try #require(index.range(of: #""sha256":""#)).upperBound
        index.replaceSubrange(digest..<index.index(digest, offsetBy: 8), with: "00000000")
        temp.write(Array(index.utf8), to: temp.location.indexPath)
        let withoutPassphrase = try temp.store().list()
        guard case let .unreadable(error)? = withoutPassphrase.first?.contents else {
            Issue.record("a forged entry was shown: \(withoutPassphrase)")
            return
        }
        #expect(error == .passphraseRequired(path: temp.location.identityPath))
        guard case let .readable(facts)? = try temp.store(passphrase: "pw").list().first?.contents else {
            Issue.record("the file was not read")
            return
        }
        #expect(facts.probe?.verdict == .verified)
    }

    @Test(arguments: ["not json", #"{"format":2,"files":{}}"#, #"{"format":1,"files":{"acme.age":{"sha256":7}}}"#])
    func anIndexThatIsNotOneIsRebuilt(text: String) throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        temp.write(Array(text.utf8), to: temp.location.indexPath)
        #expect(try temp.store().list().count == 1)
        let rebuilt = String(decoding: temp.bytes(temp.location.indexPath), as: UTF8.self)
        #expect(rebuilt.hasPrefix(#"{"format":1,"files":{"acme.age":{"sha256":""#))
    }

    @Test func anIndexOthersCouldWriteIsRefusedLikeAnyStoreFile() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        chmod(temp.location.indexPath, 0o666)
        #expect(throws: StoreError.unsafe(path: temp.location.indexPath, problem: .writableByOthers(folder: false))) {
            try temp.store().list()
        }
    }

    @Test func removingAFileDropsItsEntry() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        var other = Sample.envelope()
        other.profile = "prod"
        try store.save(other)
        try store.remove("acme")
        let index = String(decoding: temp.bytes(temp.location.indexPath), as: UTF8.self)
        #expect(!index.contains(#""acme.age""#) && index.contains(#""acme@prod.age""#))
    }

    @Test func aLostIdentityIsReportedEvenWhenEverythingIsIndexed() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        unlink(temp.location.identityPath)
        #expect(throws: StoreError.identityMissing(path: temp.location.identityPath, credentialFiles: 1)) { try temp.store().list() }
    }
}
