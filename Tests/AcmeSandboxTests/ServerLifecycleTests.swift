import AcmeSandbox
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite struct ServerLifecycleTests {
    let client = Client()

    @Test func bindsLoopbackOnAnEphemeralPort() async throws {
        try await withServer { _, url in
            #expect(url.scheme == "http")
            #expect(url.host == "127.0.0.1")
            #expect((url.port ?? 0) > 0)
            #expect(url.path.isEmpty)
            #expect(!url.absoluteString.hasSuffix("/"))
        }
    }

    @Test func countsRequestsReceived() async throws {
        try await withServer { server, url in
            #expect(await server.requestCount == 0)
            _ = try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001"))
            _ = try await client.send(url.probe("unknown"))
            #expect(await server.requestCount == 2)
        }
    }

    @Test func answersConcurrentRequests() async throws {
        try await withServer { server, url in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<32 {
                    group.addTask {
                        let auth: Client.Auth = index.isMultiple(of: 2) ? .bearer("acme-demo-key-0001") : .basic("demo", "demo-password")
                        return try await client.send(url.probe(), auth: auth).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 32))
            #expect(await server.requestCount == 32)
        }
    }

    @Test func stopFreesThePort() async throws {
        let server = AcmeSandboxServer(configuration: .demo)
        let url = try await server.start()
        await server.stop()
        await #expect(throws: URLError.self) { try await client.send(url.probe()) }
        await server.stop()
    }

    @Test func canRestartAfterStopping() async throws {
        let server = AcmeSandboxServer(configuration: .demo)
        _ = try await server.start()
        await server.stop()
        let url = try await server.start()
        let status = try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001")).status
        #expect(status == 200)
        await server.stop()
    }

    @Test func refusesToStartTwice() async throws {
        try await withServer { server, _ in
            await #expect(throws: AcmeSandboxError.alreadyRunning) { try await server.start() }
        }
    }

    @Test func oversizedHeadersAreRefusedWithoutHurtingTheServer() async throws {
        try await withServer { server, url in
            let huge = String(repeating: "a", count: 64 * 1024)
            // Either a 431 or a reset, depending on how much the kernel had
            // buffered when the server closed; never a 2xx and never a crash.
            if let response = try? await client.send(url.probe(), auth: .bearer(huge)) {
                #expect(response.status == 431)
            }
            let status = try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001")).status
            #expect(status == 200)
            #expect(await server.requestCount == 1)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await withServer { _, url in
            let body = Data(count: 1024 * 1024)
            if let response = try? await client.send(url.probe(), method: "POST", body: body) {
                #expect(response.status == 413)
            }
            let status = try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001")).status
            #expect(status == 200)
        }
    }

    @Test func runForeverServesUntilCancelled() async throws {
        let (urls, ready) = AsyncStream<URL>.makeStream()
        let running = Task {
            try await AcmeSandboxServer.runForever(configuration: .demo) { ready.yield($0) }
        }
        var iterator = urls.makeAsyncIterator()
        let url = try #require(await iterator.next())
        let status = try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001")).status
        #expect(status == 200)

        running.cancel()
        try await running.value
        await #expect(throws: URLError.self) { try await client.send(url.probe()) }
    }
}
