import Age
import Foundation
import LakeflowAuthCore
import Testing

/// Several credential sets per connector, each in its own file, each opened, recorded and removed
/// alone; the files stored before profiles are the default profile's, unchanged.
@Suite struct StoreProfileTests {
    static func envelope(_ profile: String, apiKey: String) -> CredentialEnvelope {
        var envelope = Sample.envelope(apiKey: apiKey)
        envelope.profile = profile
        return envelope
    }

    @Test func twoProfilesAreKeptApart() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        #expect(try store.save(Self.envelope("default", apiKey: "sk_default_0001")) == temp.location.credentialPath("acme"))
        #expect(try store.save(Self.envelope("prod", apiKey: "sk_prod_0002")) == temp.home + "/credentials/acme@prod.age")
        #expect(try store.open("acme").options.first?.1 == .string("sk_default_0001"))
        #expect(try store.open("acme", profile: "prod").options.first?.1 == .string("sk_prod_0002"))
        try store.recordProbe(ProbeRecord(ok: false, status: 401, at: Date(timeIntervalSince1970: 1_760_000_000)), for: "acme",
                              profile: "prod")
        #expect(try store.open("acme").probe == nil)
        #expect(try store.open("acme", profile: "prod").probe?.verdict == .rejected)
        #expect(try store.list().map { [$0.connector, $0.profile] } == [["acme", "default"], ["acme", "prod"]])
        #expect(store.profiles(of: "acme") == ["default", "prod"])
        try store.remove("acme", profile: "prod")
        #expect(store.profiles(of: "acme") == ["default"])
        #expect(try store.open("acme").options.first?.1 == .string("sk_default_0001"))
    }

    @Test func theEnvelopeOfAProfileSaysSoAndTheDefaultsLooksAsBefore() throws {
        let temp = TemporaryStore()
        try temp.store().save(Self.envelope("prod", apiKey: "sk_prod_0002"))
        try temp.store().save(Self.envelope("default", apiKey: "sk_default_0001"))
        let identities = try IdentityFile.parse(String(decoding: temp.bytes(temp.location.identityPath), as: UTF8.self))
        let prod = String(decoding: try Age.decrypt(temp.bytes(temp.location.credentialPath("acme", profile: "prod")), with: identities),
                          as: UTF8.self)
        #expect(prod.hasPrefix(#"{"format":1,"connector":"acme","profile":"prod","auth_method":"api_key""#))
        let plain = String(decoding: try Age.decrypt(temp.bytes(temp.location.credentialPath("acme")), with: identities), as: UTF8.self)
        #expect(plain.hasPrefix(#"{"format":1,"connector":"acme","auth_method":"api_key""#))
    }

    @Test func aMissingProfileSuggestsTheNearestStoredOne() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Self.envelope("prod", apiKey: "sk_prod_0002"))
        let error = #expect(throws: ProfileError.self) { try store.open("acme", profile: "prdo") }
        #expect(error == .notFound(connector: "acme", profile: "prdo", stored: ["prod"]))
        #expect(error?.message == #"no stored credentials for "acme" under profile "prdo"; did you mean "prod"?"#)
        #expect(error?.hints == ["acme has the profile prod", "run `lakeflow-auth acme --profile prdo` to set this one up"])
        #expect(error?.exitStatus == .storeFailure)
        #expect(throws: ProfileError.notFound(connector: "acme", profile: "default", stored: ["prod"])) { try store.open("acme") }
        #expect(throws: ProfileError.notFound(connector: "acme", profile: "prdo", stored: ["prod"])) {
            try store.remove("acme", profile: "prdo")
        }
        #expect(throws: StoreError.notFound(connector: "beta", path: temp.location.credentialPath("beta"))) { try store.open("beta") }
    }

    @Test(arguments: ["../x", ".hidden", "a/b", "a@b", ""])
    func aBadProfileNameReachesNoFile(name: String) throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        #expect(throws: ProfileError.invalidName(name, source: "profile")) { try store.open("acme", profile: name) }
        #expect(throws: ProfileError.invalidName(name, source: "profile")) { try store.save(Self.envelope(name, apiKey: "k")) }
        #expect(throws: ProfileError.invalidName(name, source: "profile")) { try store.remove("acme", profile: name) }
        #expect(temp.files(in: temp.location.credentialsFolder) == [".lock", ".written", "acme.age", "index.json"])
    }

    @Test func aFileMovedToAnotherProfileIsRefused() throws {
        let temp = TemporaryStore()
        try temp.store().save(Self.envelope("prod", apiKey: "sk_prod_0002"))
        rename(temp.location.credentialPath("acme", profile: "prod"), temp.location.credentialPath("acme", profile: "dev"))
        let error = #expect(throws: StoreError.self) { try temp.store().open("acme", profile: "dev") }
        #expect(error == .profileMismatch(path: temp.location.credentialPath("acme", profile: "dev"), found: "prod"))
        rename(temp.location.credentialPath("acme", profile: "dev"), temp.location.credentialPath("acme"))
        #expect(throws: StoreError.profileMismatch(path: temp.location.credentialPath("acme"), found: "prod")) {
            try temp.store().open("acme")
        }
    }

    @Test func newCredentialsKeepTheRecordOfTheConnectionsMadeFromTheOldOnes() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        try store.recordPush(host: "https://adb-1.example.net", name: "acme_prod", at: Date(timeIntervalSince1970: 1_760_000_000),
                             for: "acme")
        try store.save(Sample.envelope(apiKey: "sk_live_rotated_000000"))
        let reopened = try store.open("acme")
        #expect(reopened.options.first?.1 == .string("sk_live_rotated_000000"))
        #expect(reopened.connections == [PushedConnection(host: "https://adb-1.example.net", name: "acme_prod",
                                                          pushedAt: Date(timeIntervalSince1970: 1_760_000_000))])
        // Without the index to say what the file it replaces holds, the save opens that file.
        unlink(temp.location.indexPath)
        try store.save(Sample.envelope(apiKey: "sk_live_rotated_again_0"))
        #expect(try store.open("acme").connections.map(\.name) == ["acme_prod"])
        let comparison = ConnectionComparison(at: Date(timeIntervalSince1970: 1_760_000_100), differs: ["region"])
        #expect(try store.recordComparison(comparison, host: "https://adb-1.example.net", name: "acme_prod", for: "acme"))
        #expect(try !store.recordComparison(comparison, host: "https://adb-2.example.net", name: "acme_prod", for: "acme"))
        #expect(try store.open("acme").connections.map(\.comparison) == [comparison])
    }
}
