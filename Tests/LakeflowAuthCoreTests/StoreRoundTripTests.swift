import Age
import Foundation
@testable import LakeflowAuthCore
import Testing

@Suite struct StoreRoundTripTests {
    @Test func savedCredentialsOpenAsTheyWereSaved() throws {
        let temp = TemporaryStore()
        let probe = ProbeRecord(ok: true, status: 200, at: Date(timeIntervalSince1970: 1_750_000_100), identity: "alice")
        let saved = Sample.envelope(probe: probe)
        let path = try temp.store().save(saved)
        #expect(path == temp.home + "/credentials/acme.age")
        let opened = try temp.store().open("acme")
        #expect(opened == saved)
        #expect(opened.optionsJSON.serialized() == #"{"api_key":"sk_live_0123456789abcdef","region":"eu"}"#)
        #expect(opened.envVars?.first { $0.0 == "api_key" }?.1 == "ACME_TOKEN")
        #expect(opened.isSecret("api_key") && !opened.isSecret("region"))
    }

    @Test func theEnvelopeIsTheDocumentedJSON() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        let identities = try IdentityFile.parse(String(decoding: temp.bytes(temp.location.identityPath), as: UTF8.self))
        let plaintext = try Age.decrypt(temp.bytes(temp.location.credentialPath("acme")), with: identities)
        #expect(String(decoding: plaintext, as: UTF8.self) == """
            {"format":1,"connector":"acme","auth_method":"api_key","options":{"api_key":"sk_live_0123456789abcdef",\
            "region":"eu"},"secret_options":["api_key"],"env_vars":{"api_key":"ACME_TOKEN","region":"ACME_REGION"},\
            "saved_at":"2025-06-15T15:06:40Z","probe":null,"mac":"hmac-sha256:\(String(decoding: plaintext.suffix(46).prefix(44), as: UTF8.self))"}
            """)
        #expect(EnvelopeSeal.isSealed(plaintext, by: try store.keeper.load()))
    }

    @Test func noPlaintextReachesTheFile() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let file = temp.bytes(temp.location.credentialPath("acme"))
        #expect(file.starts(with: Array("age-encryption.org/v1\n".utf8)))
        #expect(!String(decoding: file, as: UTF8.self).contains("sk_live"))
    }

    @Test(arguments: [mode_t(0o000), 0o022, 0o077])
    func foldersAre0700AndFiles0600WhateverTheUmask(mask: mode_t) throws {
        let temp = TemporaryStore()
        let previous = umask(mask)
        defer { umask(previous) }
        try temp.store().save(Sample.envelope())
        #expect(temp.mode(temp.home) == 0o700)
        #expect(temp.mode(temp.location.credentialsFolder) == 0o700)
        #expect(temp.mode(temp.location.identityPath) == 0o600)
        #expect(temp.mode(temp.location.credentialPath("acme")) == 0o600)
        #expect(temp.mode(temp.location.lockPath) == 0o600)
    }

    @Test func theIdentityIsCreatedOnFirstUseAndKept() throws {
        let temp = TemporaryStore()
        #expect(!FileManager.default.fileExists(atPath: temp.location.identityPath))
        let first = try temp.store().publicKey()
        #expect(first.hasPrefix("age1"))
        let text = String(decoding: temp.bytes(temp.location.identityPath), as: UTF8.self)
        #expect(text.contains("# public key: \(first)\nAGE-SECRET-KEY-1"))
        #expect(try temp.store().publicKey() == first)
    }

    @Test func listShowsEveryFileAndWhatCannotBeOpened() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        #expect(try store.list().isEmpty)
        try store.save(Sample.envelope())
        var other = Sample.envelope()
        other.connector = "beta"
        try store.save(other)
        temp.write(Array("garbage".utf8), to: temp.location.credentialPath("broken"))
        let summaries = try store.list()
        #expect(summaries.map(\.connector) == ["acme", "beta", "broken"])
        guard case let .readable(acme) = summaries[0].contents, case let .unreadable(error) = summaries[2].contents else {
            Issue.record("unexpected contents: \(summaries)")
            return
        }
        #expect(acme.authMethod == "api_key")
        #expect(error.userFacingExitStatus == .storeFailure)
    }

    @Test func recordingAProbeKeepsTheRest() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        let probe = ProbeRecord(ok: false, status: 401, at: Date(timeIntervalSince1970: 1_760_000_000))
        try store.recordProbe(probe, for: "acme")
        var expected = Sample.envelope()
        expected.probe = probe
        #expect(try store.open("acme") == expected)
    }

    @Test func removeDeletesAndAMissingConnectorIsAStoreError() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        try store.remove("acme")
        #expect(!FileManager.default.fileExists(atPath: temp.location.credentialPath("acme")))
        let error = #expect(throws: StoreError.self) { try store.open("acme") }
        #expect(error?.exitStatus == .storeFailure)
        #expect(error?.hints == ["run `lakeflow-auth acme` to set it up"])
        #expect(throws: StoreError.notFound(connector: "acme", path: temp.location.credentialPath("acme"))) {
            try store.remove("acme")
        }
    }

    @Test(arguments: ["../acme", "a/b", ".hidden", "", "..", "acme.age"])
    func connectorNamesCannotLeaveTheFolder(name: String) throws {
        let temp = TemporaryStore()
        var envelope = Sample.envelope()
        envelope.connector = name
        #expect(throws: ResolutionError.invalidName(name)) { try temp.store().save(envelope) }
        #expect(throws: ResolutionError.invalidName(name)) { try temp.store().open(name) }
        #expect(throws: ResolutionError.invalidName(name)) { try temp.store().remove(name) }
    }

    @Test func aFileRenamedToAnotherConnectorIsRefused() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        rename(temp.location.credentialPath("acme"), temp.location.credentialPath("beta"))
        let error = #expect(throws: StoreError.self) { try temp.store().open("beta") }
        #expect(error == .connectorMismatch(path: temp.location.credentialPath("beta"), found: "acme"))
    }

    @Test func aHandWrittenEnvelopeCountsEveryOptionAsSecret() throws {
        let temp = TemporaryStore()
        let identity = try temp.store().keeper.load()
        let text = #"{"format":1,"connector":"acme","auth_method":null,"options":{"region":"eu"},"saved_at":"2025-01-01T00:00:00Z","probe":null}"#
        temp.write(try Age.encrypt(Array(text.utf8), to: [identity.recipient]), to: temp.location.credentialPath("acme"))
        let opened = try temp.store().open("acme")
        #expect(opened.isSecret("region"))
        #expect(opened.envVars == nil)
        #expect(try CredentialExport(opened, spec: nil).variables.map(\.name) == ["ACME_REGION"])
        #expect(opened.maskedOptions.first?.1 == .string("••••••••"))
    }
}
