import Foundation
import LoopbackHTTP
import RawHTTP
import Testing

/// The limits every loopback server reads requests within, each shown with the request it refuses.
@Suite struct LoopbackServerTests {
    /// Echoes what the handler received, so tests see exactly what got through.
    static func serve(limits: LoopbackLimits = LoopbackLimits(), _ body: (Int) async throws -> Void) async throws {
        let server = LoopbackServer(limits: limits) { request in
            let fields = request.formFields.map { $0.map { "\($0.name)=\($0.value)" }.joined(separator: ",") } ?? "-"
            return .respond(.text(200, "\(request.method) \(request.path) \(request.body.count) \(fields)"))
        }
        let url = try await server.start()
        do {
            try await body(try #require(url.port))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static let host = [("Host", "127.0.0.1")]

    @Test func answersAPlainRequest() async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, RawHTTP.request(headers: Self.host))
            #expect(response.status == 200)
            #expect(response.body == "GET / 0 -")
            #expect(response.header("connection") == "close")
        }
    }

    @Test func bindsOnlyTheLoopbackAddress() async throws {
        let server = LoopbackServer { _ in .respond(.text(200, "")) }
        let url = try await server.start()
        #expect(url.host == "127.0.0.1")
        await server.stop()
    }

    @Test func readsAFormPostWithinTheBodyLimit() async throws {
        try await Self.serve { port in
            let body = FormURLEncoded.encode([("name", "a b&c"), ("empty", ""), ("ünï", "%+")])
            let response = try RawHTTP.exchange(port: port, RawHTTP.request("POST", headers: Self.host + [
                ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ], body: body))
            #expect(response.status == 200)
            #expect(response.body == "POST / \(body.count) name=a b&c,empty=,ünï=%+")
        }
    }

    @Test(arguments: ["a=%G1", "a=%4", "a=%FF"])
    func refusesABrokenFormBody(body: String) {
        #expect(FormURLEncoded.decode(Array(body.utf8)) == nil)
    }

    @Test func refusesTwoHostHeaders() async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, RawHTTP.request(headers: [("Host", "127.0.0.1"), ("Host", "evil.example")]))
            #expect(response.status == 400)
        }
    }

    /// With two, one check could read the first and another the last: a page's own Origin shadowed.
    @Test func refusesTwoOriginHeaders() async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, RawHTTP.request("POST", headers: Self.host + [
                ("Origin", "http://evil.example"), ("Origin", "http://127.0.0.1:\(port)"),
            ]))
            #expect(response.status == 400)
        }
    }

    @Test func refusesTwoContentLengths() async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, RawHTTP.request("POST", headers: Self.host + [
                ("Content-Length", "1"), ("Content-Length", "2"),
            ], body: Array("ab".utf8)))
            #expect(response.status == 400)
        }
    }

    @Test(arguments: ["+1", "-1", "1 2", "0x10", "99999999999999999999"])
    func refusesAContentLengthThatIsNotDigits(length: String) async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, RawHTTP.request("POST", headers: Self.host + [("Content-Length", length)]))
            #expect(response.status == 400 || response.status == 413)
        }
    }

    @Test func refusesABodyOverTheLimit() async throws {
        try await Self.serve { port in
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024 + 1)
            let response = try RawHTTP.exchange(port: port, RawHTTP.request("POST", headers: Self.host, body: body))
            #expect(response.status == 413)
        }
    }

    @Test func takesABodyAtTheLimit() async throws {
        try await Self.serve { port in
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024)
            let response = try RawHTTP.exchange(port: port, RawHTTP.request("POST", headers: Self.host, body: body))
            #expect(response.status == 200)
            #expect(response.body.hasPrefix("POST / 65536 "))
        }
    }

    @Test func refusesAChunkedBody() async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, Array(
                "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8))
            #expect(response.status == 411)
        }
    }

    @Test func refusesAHeaderLineOverTheLimit() async throws {
        try await Self.serve { port in
            let value = String(repeating: "a", count: 9 * 1024)
            let response = try RawHTTP.exchange(port: port, RawHTTP.request(headers: Self.host + [("X-Long", value)]))
            #expect(response.status == 431)
        }
    }

    @Test func refusesTooManyHeaders() async throws {
        try await Self.serve { port in
            let headers = (0..<100).map { ("X-\($0)", "1") }
            let response = try RawHTTP.exchange(port: port, RawHTTP.request(headers: Self.host + headers))
            #expect(response.status == 431)
        }
    }

    @Test func refusesAHeadOverTheLimit() async throws {
        try await Self.serve { port in
            let headers = (0..<40).map { ("X-\($0)", String(repeating: "b", count: 1000)) }
            let response = try RawHTTP.exchange(port: port, RawHTTP.request(headers: Self.host + headers))
            #expect(response.status == 431)
        }
    }

    @Test(arguments: ["GET / HTTP/2.0", "GET /", "GET  / HTTP/1.1", "G(T / HTTP/1.1", "GET http://x/ HTTP/1.1"])
    func refusesARequestLineThatIsNotHTTP1(line: String) async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, Array("\(line)\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            #expect(response.status == 400)
        }
    }

    @Test func refusesAHeaderWithoutAName() async throws {
        try await Self.serve { port in
            let response = try RawHTTP.exchange(port: port, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n: x\r\n\r\n".utf8))
            #expect(response.status == 400)
        }
    }

    @Test func dropsASlowClientAtTheDeadline() async throws {
        try await Self.serve(limits: LoopbackLimits(requestDeadline: .milliseconds(300))) { port in
            let connection = try RawHTTP.Connection(port: port)
            defer { connection.close() }
            connection.send(Array("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc".utf8))
            let started = ContinuousClock.now
            let response = try connection.response()
            #expect(response.status == 408)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    /// Connections whose requests are read whole and still running (a body that trickles in) fill the
    /// server; the next one is refused.
    @Test func refusesConnectionsOverTheLimit() async throws {
        try await Self.serve(limits: LoopbackLimits(maxConnections: 2)) { port in
            let slow = try (0..<2).map { _ in try RawHTTP.Connection(port: port) }
            defer { slow.forEach { $0.close() } }
            for connection in slow {
                connection.send(Array("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nab".utf8))
            }
            try await Task.sleep(for: .milliseconds(300))
            let refused = try RawHTTP.exchange(port: port, RawHTTP.request(headers: Self.host))
            #expect(refused.status == 503)
            slow[0].send(Array("cdefghij".utf8))
            #expect(try slow[0].response().status == 200)
        }
    }

    /// Sockets that never send a request take no place from one that does: the oldest of them makes
    /// room for a newcomer, and none is kept past the short deadline for a request head.
    @Test func idleSocketsMakeRoomForARequest() async throws {
        try await Self.serve(limits: LoopbackLimits(maxConnections: 4)) { port in
            let idle = try (0..<12).map { _ in try RawHTTP.Connection(port: port) }
            defer { idle.forEach { $0.close() } }
            try await Task.sleep(for: .milliseconds(300))
            let started = ContinuousClock.now
            let served = try RawHTTP.exchange(port: port, RawHTTP.request(headers: Self.host))
            #expect(served.status == 200)
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func exactRoutesAnswer404And405() throws {
        var routes = ExactRoutes<String>()
        routes.add("GET", "/", "show")
        routes.add("POST", "/", "take")
        #expect(try routes.route(HTTPRequest(method: "POST", path: "/")).get() == "take")
        #expect(routes.route(HTTPRequest(method: "GET", path: "/x")).failure == .notFound)
        #expect(routes.route(HTTPRequest(method: "GET", path: "//")).failure == .notFound)
        #expect(routes.route(HTTPRequest(method: "PUT", path: "/")).failure == .methodNotAllowed(allow: ["GET", "POST"]))
    }
}

extension Result {
    var failure: Failure? {
        if case let .failure(failure) = self { failure } else { nil }
    }
}
