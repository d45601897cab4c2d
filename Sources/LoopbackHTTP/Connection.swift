import FlyingSocks
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted socket serving exactly one request. The head must arrive within the short head
/// deadline, then the server decides whether to serve it (`admit`), then the body is read, all within
/// the request deadline, before the handler sees it: no handler deals with a slow or huge request.
/// The server closes the socket once `handle` returns, after it has let go of the connection.
struct Connection: Sendable {
    let socket: AsyncSocket
    let limits: LoopbackLimits

    /// - Parameter started: told once the first bytes of the request are read.
    func handle(_ handler: HTTPHandler, started: @escaping @Sendable () -> Void, admit: @Sendable (HTTPRequest) -> Bool,
                onRequest: @Sendable () -> Void) async {
        let deadline = ContinuousClock.now + limits.requestDeadline
        do {
            guard let head = try await withDeadline(min(limits.headDeadline, limits.requestDeadline), { [self] in
                try await readHead(started: started)
            }) else {
                return try await send(.text(408, "request timeout"))
            }
            var request: HTTPRequest
            let alreadyRead: [UInt8]
            switch head {
            case let .success((parsed, rest)): (request, alreadyRead) = (parsed, rest)
            case let .failure(refusal): return try await send(refusal.response)
            }
            guard admit(request) else { return try await send(.text(503, "too many connections")) }
            let admitted = request
            guard let body = try await withDeadline(deadline - ContinuousClock.now, { [self] in
                try await readBody(of: admitted, alreadyRead: alreadyRead)
            }) else { return try await send(.text(408, "request timeout")) }
            switch body {
            case let .success(bytes): request.body = bytes
            case let .failure(refusal): return try await send(refusal.response)
            }
            onRequest()
            switch await handler(request) {
            case .respond(let response): try await send(response)
            case .hang: try await drainUntilClosed()
            }
        } catch {
            // The client went away, the server pushed the connection out, or it is stopping: nothing to answer.
        }
    }

    /// Answers without reading the request, and closes: for a connection over the server's limit.
    func refuse(_ response: HTTPResponse) async {
        defer { try? socket.close() }
        try? await send(response)
    }

    /// Why a request is refused before any handler sees it.
    enum Refusal: Error {
        case headTooLarge
        case malformed
        case lengthRequired
        case bodyTooLarge

        var response: HTTPResponse {
            switch self {
            case .headTooLarge: .text(431, "request headers too large")
            case .malformed: .text(400, "bad request")
            case .lengthRequired: .text(411, "a body needs a content-length")
            case .bodyTooLarge: .text(413, "request body too large")
            }
        }
    }

    /// The request without its body, and what was read of the body with it.
    private func readHead(started: @Sendable () -> Void) async throws -> Result<(HTTPRequest, [UInt8]), Refusal> {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var buffer: [UInt8] = []
        var searchFrom = 0
        while true {
            buffer += try await socket.read(atMost: LoopbackLimits.readChunk)
            if searchFrom == 0 { started() }
            if let end = buffer[max(0, searchFrom - 3)...].firstRange(of: terminator) {
                guard end.lowerBound <= limits.maxHeadBytes else { return .failure(.headTooLarge) }
                do {
                    return .success((try HTTPRequestHead.parse(buffer[..<end.lowerBound], limits: limits), Array(buffer[end.upperBound...])))
                } catch .headerTooLarge {
                    return .failure(.headTooLarge)
                } catch {
                    return .failure(.malformed)
                }
            }
            guard buffer.count <= limits.maxHeadBytes else { return .failure(.headTooLarge) }
            searchFrom = buffer.count
        }
    }

    private func readBody(of request: HTTPRequest, alreadyRead: [UInt8]) async throws -> Result<[UInt8], Refusal> {
        if request.header("transfer-encoding") != nil { return .failure(.lengthRequired) }
        guard let declared = request.header("content-length") else {
            return alreadyRead.isEmpty ? .success([]) : .failure(.lengthRequired)
        }
        guard !declared.isEmpty, declared.utf8.allSatisfy({ (0x30...0x39).contains($0) }), declared.utf8.count <= 12,
              let length = Int(declared) else { return .failure(.malformed) }
        guard length <= limits.maxBodyBytes else { return .failure(.bodyTooLarge) }
        var body = Array(alreadyRead.prefix(length))
        while body.count < length {
            body += try await socket.read(atMost: min(length - body.count, LoopbackLimits.readChunk))
        }
        return .success(body)
    }

    /// Writes the response, then half-closes and waits briefly for the client to hang up: closing
    /// with unread input makes the kernel send a reset, which can destroy the response before the
    /// client has read it.
    private func send(_ response: HTTPResponse) async throws {
        try await socket.write(response.encoded())
        _ = shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        _ = try? await withDeadline(limits.lingerTimeout) { [self] in try await drainUntilClosed() }
    }

    /// Reads and discards until the client closes the connection or the task is cancelled (by
    /// `stop()` or a deadline); it is how `hang` holds a request.
    private func drainUntilClosed() async throws {
        while true {
            _ = try await socket.read(atMost: LoopbackLimits.readChunk)
        }
    }
}
