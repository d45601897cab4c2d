import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// Who wrote a stored file: anyone with this machine's public key can write one, so only what this
/// machine wrote (and sealed with its identity) may say "verified"; an older copy put back is told;
/// `rekey` re-encrypts every file to today's recipients.
@Suite(.timeLimit(.minutes(2)))
struct ProvenanceTests {
    static let values = ["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001"]

    @Test func aFileWrittenElsewhereIsNeverCalledVerifiedUntilItIsCheckedHere() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let fixture = StoreFixture()
        let forgedMAC = "hmac-sha256:" + Data(repeating: 7, count: 32).base64EncodedString()
        try fixture.sealWithAge(#"{"format":1,"connector":"acme","auth_method":"api_key","options":{"workspace":"demo-workspace","api_key":"acme-demo-key-0001","base_url":"\#(url.absoluteString)"},"secret_options":["api_key"],"saved_at":"2025-06-15T15:06:40Z","probe":{"ok":true,"status":200,"at":"2025-06-15T15:06:41Z","identity":"alice"},"mac":"\#(forgedMAC)"}"#,
                                connector: "acme")
        let list = try fixture.lakeflowAuth(["list"])
        #expect(list.stdout.hasSuffix("\nacme       default  api_key      2025-06-15T15:06:40Z  written with your public key elsewhere: not checked here\n"))
        let show = try fixture.lakeflowAuth(["show", "acme"])
        #expect(show.stdout.contains("\nstatus: written with your public key elsewhere: not checked here\n"))
        #expect(!show.stdout.contains("verified"))
        #expect(try fixture.lakeflowAuth(["show", "acme", "--json"]).stdout.contains("\"written_here\": false"))
        // Its options still reach the tests, with a word about where they come from.
        let exported = try fixture.lakeflowAuth(["export", "acme"])
        #expect(exported.status == 0)
        #expect(exported.stderr.contains("credentials/acme.age was written with your public key elsewhere"), "\(exported.stderr)")

        let probed = try fixture.lakeflowAuth(["probe", "acme"])
        #expect(probed.status == 0, "\(probed.stderr)")
        let checked = try fixture.lakeflowAuth(["list"])
        #expect(checked.stdout.contains("\nacme       default  api_key      2025-06-15T15:06:40Z  verified (HTTP 200, as "), "\(checked.stdout)")
        #expect(try fixture.lakeflowAuth(["export", "acme"]).stderr.isEmpty)
    }

    @Test func anOlderCopyPutBackIsToldWithItsAge() throws {
        let fixture = StoreFixture()
        let first = try fixture.lakeflowAuth(["acme", "--from-env", "--no-probe"], environment: Self.values)
        try #require(first.status == 0, "\(first.stderr)")
        let path = fixture.credentials + "/acme.age"
        let older = try Data(contentsOf: URL(fileURLWithPath: path))
        // Saved times are whole seconds.
        Thread.sleep(forTimeInterval: 2.1)
        let second = try fixture.lakeflowAuth(["acme", "--from-env", "--no-probe"], environment: Self.values)
        try #require(second.status == 0, "\(second.stderr)")
        try older.write(to: URL(fileURLWithPath: path))

        let list = try fixture.lakeflowAuth(["list"])
        // Two seconds or a little more, on a busy machine.
        #expect(list.stdout.contains("unverified; rolled back: "), "\(list.stdout)")
        #expect(list.stdout.contains(" seconds older than the file this machine wrote at "), "\(list.stdout)")
        let exec = try fixture.lakeflowAuth(["exec", "acme", "--", "true"])
        #expect(exec.status == 0)
        #expect(exec.stderr.contains(" seconds older than the one this machine wrote at "), "\(exec.stderr)")
        #expect(exec.stderr.contains("an older copy was put back"))
    }

    @Test func rekeyEncryptsEveryFileToTodaysRecipientsAndLeavesOneThatDoesNotOpen() throws {
        let fixture = StoreFixture()
        try #require(try fixture.lakeflowAuth(["acme", "--from-env", "--no-probe"], environment: Self.values).status == 0)
        _ = try fixture.tool("age-keygen", ["-o", fixture.folder + "/teammate.txt"])
        let teammate = try fixture.tool("age-keygen", ["-y", fixture.folder + "/teammate.txt"]).stdout
        try "# the teammate\n\(teammate)".write(toFile: fixture.home + "/recipients.txt", atomically: true, encoding: .utf8)
        let acme = fixture.credentials + "/acme.age"
        // Adding the key re-encrypted nothing.
        #expect(try fixture.tool("age", ["-d", "-i", fixture.folder + "/teammate.txt", acme]).status != 0)
        let damaged = Data("age-encryption.org/v1\nnot really\n".utf8)
        try damaged.write(to: URL(fileURLWithPath: fixture.credentials + "/beta.age"))
        chmod(fixture.credentials + "/beta.age", 0o600)

        let rekeyed = try fixture.lakeflowAuth(["rekey"])
        #expect(rekeyed.status == 5, "\(rekeyed.stderr)")
        #expect(rekeyed.stdout.contains("acme  re-encrypted to 2 keys\n"), "\(rekeyed.stdout)")
        #expect(rekeyed.stdout.contains("beta  left as it was: "), "\(rekeyed.stdout)")
        #expect(rekeyed.stderr.contains("1 of 2 stored files could not be opened"), "\(rekeyed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.credentials + "/beta.age")) == damaged)

        let opened = try fixture.tool("age", ["-d", "-i", fixture.folder + "/teammate.txt", acme])
        #expect(opened.status == 0)
        #expect(opened.stdout.contains("\"mac\":\"hmac-sha256:"))
        // Still this machine's file: the plaintext, and so its MAC, are as they were.
        #expect(try fixture.lakeflowAuth(["list"]).stdout.contains("\nacme       default  api_key  "))
        #expect(!(try fixture.lakeflowAuth(["list"]).stdout.contains("elsewhere")))
    }
}
