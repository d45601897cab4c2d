import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `lakeflow-auth probe <connector>`: stored credentials checked again, the result kept with them.
@Suite(.timeLimit(.minutes(1)))
struct ProbeCommandTests {
    @Test func reprobeRecordsSuccessThenTheFailure() async throws {
        let server = AcmeSandboxServer(configuration: .demo)
        let url = try await server.start()
        let run = HeadlessRun()
        defer { run.removeHome() }
        let saved = try run.run(["acme", "--from-env"], ["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001",
                                                         "ACME_BASE_URL": url.absoluteString])
        #expect(saved.status == 0, "\(saved.stderr)")

        let again = try run.run(["probe", "acme"], [:])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("connected to Acme as Demo Analyst (HTTP 200, "))
        #expect(await server.requestCount == 2)

        await server.stop()
        let closed = try RefusingPort()
        let moved = try run.run(["acme", "--from-env", "--no-probe"], ["ACME_WORKSPACE": "demo-workspace",
                                                                      "ACME_API_KEY": "acme-demo-key-0001",
                                                                      "ACME_BASE_URL": closed.url.absoluteString])
        #expect(moved.status == 0, "\(moved.stderr)")
        let gone = try run.run(["probe", "acme"], [:])
        #expect(gone.status == 4)
        #expect(gone.stderr.contains("refused the connection"))
        #expect(!gone.stderr.contains("may be offline"), "a loopback address needs no network")
        #expect(gone.stderr.contains("lakeflow-auth: hint: run `lakeflow-auth acme` to enter new values"))
        let stored = try run.store.open("acme")
        #expect(stored.probe?.ok == false)
        #expect(stored.probe?.status == nil)
        #expect(JSONValue.object(stored.options)["api_key"] == .string("acme-demo-key-0001"))
        let list = try run.run(["list"], [:])
        #expect(list.stdout.contains("acme"))
        #expect(!list.stdout.contains("acme-demo-key-0001"))
    }

    @Test func nothingStoredIsAStoreError() throws {
        let run = HeadlessRun()
        let result = try run.run(["probe", "acme"], [:])
        #expect(result.status == 5)
        #expect(result.stderr.contains("lakeflow-auth acme"))
    }
}
