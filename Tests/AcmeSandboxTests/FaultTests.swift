import AcmeSandbox
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite struct FaultTests {
    let client = Client()
    let key = Client.Auth.bearer("acme-demo-key-0001")

    @Test func serverErrorIs503() async throws {
        try await withServer(faulty(.serverError)) { _, url in
            let status = try await client.send(url.probe("faulty"), auth: key).status
            #expect(status == 503)
        }
    }

    @Test func rateLimitedIs429WithRetryAfter() async throws {
        try await withServer(faulty(.rateLimited(retryAfterSeconds: 7))) { _, url in
            let response = try await client.send(url.probe("faulty"), auth: key)
            #expect(response.status == 429)
            #expect(response.header("Retry-After") == "7")
        }
    }

    @Test func redirectPointsAtTheConfiguredLocation() async throws {
        try await withServer(faulty(.redirect(location: "https://attacker.invalid/collect"))) { _, url in
            let response = try await client.send(url.probe("faulty"), auth: key)
            #expect(response.status == 302)
            #expect(response.header("Location") == "https://attacker.invalid/collect")
        }
    }

    @Test func sameOriginRedirectLeadsToANormalAnswer() async throws {
        try await withServer(faulty(.sameOriginRedirect)) { server, url in
            let first = try await client.send(url.probe("faulty"), auth: key)
            #expect(first.status == 302)
            #expect(first.header("Location") == "/v1/workspaces/faulty/me?redirected=1")

            var following = client
            following.followRedirects = true
            let followed = try await following.send(url.probe("faulty"), auth: key)
            #expect(followed.status == 200)
            #expect(followed.json?["name"] == "Demo Analyst")
            #expect(await server.requestCount == 3)
        }
    }

    @Test func noIdentityHasAnIDButNoName() async throws {
        try await withServer(faulty(.noIdentity)) { _, url in
            let response = try await client.send(url.probe("faulty"), auth: key)
            #expect(response.status == 200)
            #expect(response.json == ["id": "x"])
        }
    }

    @Test func notJSONIsAnHTMLPage() async throws {
        try await withServer(faulty(.notJSON)) { _, url in
            let response = try await client.send(url.probe("faulty"), auth: key)
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(response.json == nil)
            #expect(response.text.contains("<html>"))
        }
    }

    @Test func echoCredentialsReflectsHeaderAndRawQuery() async throws {
        try await withServer(faulty(.echoCredentials)) { _, url in
            let target = try #require(URL(string: url.probe("faulty").absoluteString + "?token=s%20ecret&x=1"))
            let response = try await client.send(target, auth: .bearer("secret-123"))
            #expect(response.status == 401)
            #expect(response.json?["authorization"] == "Bearer secret-123")
            #expect(response.json?["query"] == "token=s%20ecret&x=1")
            #expect(response.json?["message"]?.contains("Bearer secret-123") == true)
        }
    }

    @Test func hangNeverAnswersSoTheClientTimesOut() async throws {
        try await withServer(faulty(.hang)) { server, url in
            var impatient = client
            impatient.timeout = 1
            let error = await #expect(throws: URLError.self) {
                try await impatient.send(url.probe("faulty"), auth: key)
            }
            #expect(error?.code == .timedOut)
            #expect(await server.requestCount == 1)
        }
    }

    @Test func stopReleasesAHangingConnection() async throws {
        let server = AcmeSandboxServer(configuration: faulty(.hang))
        let url = try await server.start()
        var patient = client
        // Far beyond any wait for stop() below, even when other suites keep this one waiting.
        patient.timeout = 120
        let request = Task { try await patient.send(url.probe("faulty"), auth: key) }
        while await server.requestCount == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        await server.stop()
        // The connection is closed without an answer, so the client fails with that, not its timeout.
        let error = await #expect(throws: (any Error).self) { try await request.value }
        #expect((error as? URLError)?.code != .timedOut)
    }
}
