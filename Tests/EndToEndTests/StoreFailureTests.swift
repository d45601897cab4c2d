import Foundation
import Testing

@Suite struct StoreFailureTests {
    @Test func aTamperedFileExitsFiveAndIsLeftAsItWas() throws {
        let fixture = StoreFixture()
        try fixture.sealWithAge(SampleEnvelope.json(), connector: "acme")
        let path = fixture.credentials + "/acme.age"
        var file = try Data(contentsOf: URL(fileURLWithPath: path))
        file[file.count - 3] ^= 0x20
        try file.write(to: URL(fileURLWithPath: path))
        for command in [["show", "acme"], ["export", "acme"], ["exec", "acme", "--", "true"]] {
            let result = try fixture.lakeflowAuth(command)
            #expect(result.status == 5)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == """
                lakeflow-auth: error: \(path): the file was modified, truncated or corrupted after it was saved
                lakeflow-auth: hint: run `lakeflow-auth acme` to enter the credentials again

                """)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == file)
        let list = try fixture.lakeflowAuth(["list"])
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("CONNECTOR  PROFILE  AUTH METHOD  SAVED  LAST CHECK\nacme       default  cannot be opened: \(path): the file was modified"))
    }

    @Test func aFileForAnotherIdentityNamesThisMachinesKey() throws {
        let fixture = StoreFixture()
        let ours = try fixture.lakeflowAuth(["identity"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try fixture.tool("age-keygen", ["-o", fixture.folder + "/other.txt"])
        let theirs = try fixture.tool("age-keygen", ["-y", fixture.folder + "/other.txt"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.sealWithAge(SampleEnvelope.json(), connector: "acme", to: theirs)
        let result = try fixture.lakeflowAuth(["show", "acme"])
        #expect(result.status == 5)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: \(fixture.credentials)/acme.age: not encrypted to this machine's identity (\(ours)), or damaged\n"))
        #expect(result.stderr.contains("recipients.txt"))
    }

    @Test func aBadRecipientsFileIsAStoreErrorAndNothingIsSaved() throws {
        let fixture = StoreFixture()
        _ = try fixture.lakeflowAuth(["identity"])
        try "# teammates\nage1notakey\n".write(toFile: fixture.home + "/recipients.txt", atomically: true, encoding: .utf8)
        let result = try fixture.lakeflowAuth(["acme", "--from-env", "--no-probe"],
                                              environment: ["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001"])
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.contains("recipients.txt:2: not an age public key (age1…)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.credentials + "/acme.age"))
    }

    @Test func aReadableIdentityFileIsRefusedWithTheChmodToRun() throws {
        let fixture = StoreFixture()
        _ = try fixture.lakeflowAuth(["identity"])
        chmod(fixture.home + "/identity.txt", 0o644)
        let result = try fixture.lakeflowAuth(["identity"])
        #expect(result.status == 5)
        #expect(result.stderr == """
            lakeflow-auth: error: \(fixture.home)/identity.txt: the identity file is readable by other users
            lakeflow-auth: hint: chmod 600 \(fixture.home)/identity.txt

            """)
    }

    @Test func aPassphraseProtectedIdentityNeedsTheRightPassphrase() throws {
        let fixture = StoreFixture()
        let created = try fixture.lakeflowAuth(["identity"], environment: ["LAKEFLOW_AUTH_PASSPHRASE": "correct horse"])
        #expect(created.status == 0)
        try fixture.sealWithAge(SampleEnvelope.json(), connector: "acme", to: created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let right = try fixture.lakeflowAuth(["export", "acme"], environment: ["LAKEFLOW_AUTH_PASSPHRASE": "correct horse"])
        #expect(right.status == 0 && right.stdout.contains("0123456789abcdef"))
        let wrong = try fixture.lakeflowAuth(["export", "acme"], environment: ["LAKEFLOW_AUTH_PASSPHRASE": "battery staple"])
        #expect(wrong.status == 5)
        #expect(wrong.stderr.hasPrefix("lakeflow-auth: error: \(fixture.home)/identity.txt: the passphrase does not open the identity file\n"))
        let none = try fixture.lakeflowAuth(["export", "acme"])
        #expect(none.status == 5)
        #expect(none.stderr.contains("set LAKEFLOW_AUTH_PASSPHRASE"))
    }

    @Test func aCorruptedIdentityFileExitsFive() throws {
        let fixture = StoreFixture()
        try fixture.sealWithAge(SampleEnvelope.json(), connector: "acme")
        try "AGE-SECRET-KEY-1NOTAKEY\n".write(toFile: fixture.home + "/identity.txt", atomically: false, encoding: .utf8)
        let result = try fixture.lakeflowAuth(["show", "acme"])
        #expect(result.status == 5)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: \(fixture.home)/identity.txt: the identity file is corrupted: "))
        #expect(result.stderr.contains("restore identity.txt from a backup"))
    }
}
