import Foundation
import LakeflowAuthCore
import Testing

/// The core's one HTTP client: bodies, methods, cancellation. (No proxy for loopback is tested
/// end to end, where the proxy variables reach only the child.)
@Suite(.timeLimit(.minutes(1)))
struct HTTPClientTests {
    let client = HTTPClient()

    @Test func aFormPostSendsItsFieldsEncoded() async throws {
        let server = try EchoServer()
        let request = HTTPClient.Request.formPost(url: server.url.appendingPathComponent("token"),
                                           fields: [("grant_type", "authorization_code"), ("code", "a b&c=d/é")])
        let response = try await client.send(request, timeout: .seconds(10), responseLimit: 1 << 16).get()
        let echoed = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200)
        #expect(echoed.hasPrefix("POST /token HTTP/1.1\r\n"))
        #expect(echoed.contains("\r\nContent-Type: application/x-www-form-urlencoded\r\n"))
        #expect(echoed.hasSuffix("\r\n\r\ngrant_type=authorization_code&code=a%20b%26c%3Dd%2F%C3%A9"))
    }

    @Test(arguments: ["PUT", "PATCH", "DELETE"])
    func anyMethodWithAJSONBody(method: String) async throws {
        let server = try EchoServer()
        let request = HTTPClient.Request.json(method: method, url: server.url.appendingPathComponent("api/2.1/x"),
                                       body: .object([("name", .string("acme"))]))
        let response = try await client.send(request, timeout: .seconds(10), responseLimit: 1 << 16).get()
        let echoed = String(decoding: response.body, as: UTF8.self)
        #expect(echoed.hasPrefix("\(method) /api/2.1/x HTTP/1.1\r\n"))
        #expect(echoed.hasSuffix("\r\n\r\n{\"name\":\"acme\"}"))
        #expect(response.header("content-length") == String(response.body.count))
    }

    @Test func aCancelledTaskAbortsItsRequestPromptly() async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["stuck": .hang])) { _, url in
            let request = HTTPClient.Request(url: url.appendingPathComponent("v1/workspaces/stuck/me"))
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task { await client.send(request, timeout: .seconds(30), responseLimit: 1024) }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let result = await task.value
            #expect(clock.now - start < .seconds(5), "cancelled at 0.3 s of a 30 s timeout")
            guard case .failure(.cancelled) = result else {
                Issue.record("not cancelled: \(result)")
                return
            }
        }
    }

    @Test(arguments: [("X-Key", "a\r\nX-Injected: yes"), ("X-Key: a\r\nX", "v"), ("X Key", "v"), ("X-Key", "a\u{0}b")])
    func aHeaderThatWouldEndItsLineIsRefusedUnsent(name: String, value: String) async throws {
        let server = try EchoServer()
        let result = await client.send(HTTPClient.Request(url: server.url, headers: [(name, value)]), timeout: .seconds(10), responseLimit: 1024)
        guard case .failure(.invalidHeader) = result else {
            Issue.record("sent: \(result)")
            return
        }
    }
}
