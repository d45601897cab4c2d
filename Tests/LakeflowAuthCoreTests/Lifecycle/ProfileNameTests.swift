import Foundation
import LakeflowAuthCore
import Testing

/// Profile names become file names beside the connector's, so they are held to the connector's rules
/// and more; the flag wins over the env var, and nothing named means `default`.
@Suite struct ProfileNameTests {
    @Test(arguments: ["default", "prod", "dev-2", "org_acme", "A", String(repeating: "p", count: 64)])
    func acceptsShortNamesOfLettersDigitsDashesAndUnderscores(name: String) {
        #expect(ProfileName.isValid(name))
    }

    @Test(arguments: ["", "../prod", "a/b", ".hidden", "prod.old", "-prod", "_prod", "pr od", "prød", "a@b", "a\\b",
                      "prod\n", String(repeating: "p", count: 65)])
    func refusesAnythingThatCouldLeaveTheFolderHideOrBeAmbiguous(name: String) {
        #expect(!ProfileName.isValid(name))
        #expect(throws: ProfileError.invalidName(name, source: "--profile")) {
            try ProfileName.requested(flag: name, environment: [:])
        }
    }

    @Test func theFlagWinsOverTheEnvVarWhichWinsOverTheDefault() throws {
        #expect(try ProfileName.requested(flag: nil, environment: [:]) == "default")
        #expect(try ProfileName.requested(flag: nil, environment: ["LAKEFLOW_AUTH_PROFILE": ""]) == "default")
        #expect(try ProfileName.requested(flag: nil, environment: ["LAKEFLOW_AUTH_PROFILE": "dev"]) == "dev")
        #expect(try ProfileName.requested(flag: "prod", environment: ["LAKEFLOW_AUTH_PROFILE": "dev"]) == "prod")
        let error = #expect(throws: ProfileError.self) {
            try ProfileName.requested(flag: nil, environment: ["LAKEFLOW_AUTH_PROFILE": "../etc"])
        }
        #expect(error?.message == #"LAKEFLOW_AUTH_PROFILE: "../etc" is not a profile name"#)
        #expect(error?.exitStatus == .badInput)
    }

    @Test func theDefaultProfileKeepsTheFileNameOfBeforeAndOthersSitBesideIt() {
        let location = StoreLocation(home: "/h")
        #expect(location.credentialPath("acme") == "/h/credentials/acme.age")
        #expect(location.credentialPath("acme", profile: "default") == "/h/credentials/acme.age")
        #expect(location.credentialPath("acme", profile: "prod") == "/h/credentials/acme@prod.age")
    }

    @Test func onlyFileNamesThisToolWritesAreCredentials() throws {
        let temp = TemporaryStore()
        let folder = temp.location.credentialsFolder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["acme.age", "acme@prod.age", "beta@a.age", "acme@default.age", "acme@.age", "@prod.age", "a@b@c.age",
                     ".hidden.age", "acme.txt", "index.json"] {
            temp.write(Array("x".utf8), to: folder + "/" + name)
        }
        #expect(temp.location.storedCredentials() == [
            StoredCredentialName(connector: "acme", profile: "default"), StoredCredentialName(connector: "acme", profile: "prod"),
            StoredCredentialName(connector: "beta", profile: "a"),
        ])
    }
}
