import Foundation
import Testing

/// A passphrase-protected identity: the browser form cannot ask for the passphrase yet, so it says so
/// before a link is printed or anything typed, rather than after a person filled the form.
@Suite(.timeLimit(.minutes(2)))
struct BrowserPassphraseTests {
    @Test func aProtectedIdentityStopsTheBrowserFormBeforeItsLink() throws {
        let run = HeadlessRun()
        defer { run.removeHome() }
        let saved = try run.run(["acme", "--from-env", "--no-probe"], [
            "LAKEFLOW_AUTH_PASSPHRASE": "correct horse", "ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001",
        ])
        try #require(saved.status == 0, "\(saved.stderr)")
        let result = try run.run(["acme", "--browser", "--no-open"], [:])
        #expect(result.status == 5)
        #expect(result.stdout.isEmpty, "no link is printed")
        #expect(result.stderr.contains("the identity file is protected by a passphrase"))
        #expect(result.stderr.contains("set LAKEFLOW_AUTH_PASSPHRASE"))
    }
}
