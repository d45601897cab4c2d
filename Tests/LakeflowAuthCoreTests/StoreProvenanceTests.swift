import Age
import Foundation
@testable import LakeflowAuthCore
import Testing

/// The MAC that tells this machine's files from files written with its public key, and the record
/// that tells an older copy put back.
struct StoreProvenanceTests {
    static func sealElsewhere(_ text: String, in temp: TemporaryStore) throws {
        let identity = try temp.store().keeper.load()
        temp.write(try Age.encrypt(Array(text.utf8), to: [identity.recipient]), to: temp.location.credentialPath("acme"))
    }

    @Test func whatThisMachineSavesIsItsOwnAndAnythingElseIsNot() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope(probe: ProbeRecord(ok: true, status: 200, at: Date(), identity: "alice")))
        let own = try store.open("acme")
        #expect(own.provenance == .thisMachine)
        #expect(CredentialListing.status(CredentialFacts(own)).hasPrefix("verified"))

        let identity = try store.keeper.load()
        let plaintext = try Age.decrypt(temp.bytes(temp.location.credentialPath("acme")), with: identity.identities)
        #expect(EnvelopeSeal.isSealed(plaintext, by: identity))
        // The same bytes, one changed, the MAC kept: written elsewhere.
        var changed = plaintext
        let index = try #require(changed.firstIndex(of: UInt8(ascii: "9")))
        changed[index] = UInt8(ascii: "8")
        #expect(!EnvelopeSeal.isSealed(changed, by: identity))
        try Self.sealElsewhere(String(decoding: changed, as: UTF8.self), in: temp)
        let tampered = try store.open("acme")
        #expect(tampered.provenance == .elsewhere)
        #expect(CredentialListing.status(CredentialFacts(tampered)) == CredentialListing.writtenElsewhere)
        #expect(CredentialListing.notes(tampered).first?.contains("written with your public key elsewhere") == true)

        // Another identity's MAC over the same bytes is not this one's.
        let other = MachineIdentity(identities: [X25519Identity.generate()])
        #expect(!EnvelopeSeal.isSealed(EnvelopeSeal.sealed(Array(Sample.envelope().json.serialized().utf8), by: other), by: identity))
    }

    @Test func anEnvelopeOfAnEarlierVersionStillOpensAsWrittenElsewhere() throws {
        let temp = TemporaryStore()
        try Self.sealElsewhere(#"{"format":1,"connector":"acme","auth_method":null,"options":{"region":"eu"},"saved_at":"2025-01-01T00:00:00Z","probe":{"ok":true,"status":200,"at":"2025-01-01T00:00:01Z"}}"#, in: temp)
        let opened = try temp.store().open("acme")
        #expect(opened.options.first?.1 == .string("eu"))
        #expect(opened.provenance == .elsewhere)
        #expect(!CredentialListing.status(CredentialFacts(opened)).contains("verified"))
        #expect(CredentialDisplay.json(opened, reveal: false).contains("\"written_here\": false"))
    }

    @Test func aCheckHereSealsAFileWrittenElsewhere() throws {
        let temp = TemporaryStore()
        try Self.sealElsewhere(#"{"format":1,"connector":"acme","auth_method":null,"options":{"region":"eu"},"saved_at":"2025-01-01T00:00:00Z","probe":null}"#, in: temp)
        try temp.store().recordProbe(ProbeRecord(ok: true, status: 200, at: Date()), for: "acme")
        #expect(try temp.store().open("acme").provenance == .thisMachine)
    }

    @Test func anOlderCopyIsToldAndAnEditedRecordTellsNothing() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        let path = temp.location.credentialPath("acme")
        try store.save(Sample.envelope())
        let older = temp.bytes(path)
        var newer = Sample.envelope()
        newer.savedAt = newer.savedAt.addingTimeInterval(3 * 86_400)
        try store.save(newer)
        temp.write(older, to: path)
        let opened = try store.open("acme")
        #expect(opened.provenance == .thisMachine)
        #expect(opened.newerWrittenHere == newer.savedAt)
        #expect(CredentialListing.status(CredentialFacts(opened)).hasSuffix("; rolled back: 3 days older than the file this machine wrote at 2025-06-18T15:06:40Z"))
        guard case let .readable(listed)? = try store.list().first?.contents else { Issue.record("not listed"); return }
        #expect(listed.newerWrittenHere == newer.savedAt)

        // A record edited to say nothing, or anything, is no record.
        let record = WriteRecord.path(temp.location)
        let text = String(decoding: temp.bytes(record), as: UTF8.self)
        temp.write(Array(text.replacingOccurrences(of: "2025-06-18", with: "2099-06-18").utf8), to: record)
        #expect(try store.open("acme").newerWrittenHere == nil)
        unlink(record)
        #expect(try store.open("acme").newerWrittenHere == nil)
    }

    @Test func rekeyKeepsEveryFilesPlaintextAndSoItsProvenance() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        let teammate = X25519Identity.generate()
        temp.write(Array("\(teammate.recipient.bech32)\n".utf8), to: temp.location.recipientsPath)
        let path = temp.location.credentialPath("acme")
        #expect(throws: AgeError.self) { try Age.decrypt(temp.bytes(path), with: [teammate]) }
        let outcomes = try store.rekey()
        #expect(outcomes.map(\.connector) == ["acme"] && outcomes.allSatisfy { $0.failure == nil && $0.recipients == 2 })
        _ = try Age.decrypt(temp.bytes(path), with: [teammate])
        #expect(try store.open("acme").provenance == .thisMachine)
    }
}
