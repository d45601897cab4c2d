import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits that keep one client from exhausting memory or pinning a connection.
enum Limits {
    /// Request line plus headers; real probe requests are a few hundred bytes.
    static let maxHeadBytes = 16 * 1024
    /// Bodies are read and discarded (so the client sees our answer rather than
    /// a reset) only up to this size; larger ones get 413.
    static let maxDiscardedBodyBytes = 64 * 1024
    /// Slow clients are dropped rather than held open indefinitely.
    static let headTimeout: Duration = .seconds(10)
    /// How long a closing connection waits for the client to hang up first.
    static let lingerTimeout: Duration = .seconds(1)
    static let readChunk = 4096
}

/// One accepted socket serving exactly one request, then closing.
struct Connection: Sendable {
    let socket: AsyncSocket

    func handle(router: ProbeRouter, state: AcmeSandboxServer.State) async {
        defer { try? socket.close() }
        do {
            guard let (head, bodyBytesAlreadyRead) = try await withDeadline(Limits.headTimeout, readHead) else {
                return try await send(.json(408, ["error": "request timeout"]))
            }
            await state.recordRequest()

            guard let request = HTTPRequestHead(head) else {
                return try await send(.json(400, ["error": "bad request"]))
            }
            guard try await discardBody(of: request, alreadyRead: bodyBytesAlreadyRead) else {
                return try await send(.json(413, ["error": "request body too large"]))
            }

            switch router.reply(to: request) {
            case .respond(let response):
                try await send(response)
            case .hang:
                try await drainUntilClosed()
            }
        } catch HeadError.tooLarge {
            try? await send(.json(431, ["error": "request headers too large"]))
        } catch {
            // The client went away or the server is stopping; nothing to answer.
        }
    }

    private enum HeadError: Error {
        case tooLarge
    }

    /// Reads up to the blank line ending the headers. Returns the head's bytes
    /// and how many body bytes were read past it.
    private func readHead() async throws -> (ArraySlice<UInt8>, Int) {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var buffer: [UInt8] = []
        var searchFrom = 0
        while true {
            buffer += try await socket.read(atMost: Limits.readChunk)
            if let end = buffer[max(0, searchFrom - 3)...].firstRange(of: terminator) {
                return (buffer[..<end.lowerBound], buffer.count - end.upperBound)
            }
            guard buffer.count <= Limits.maxHeadBytes else { throw HeadError.tooLarge }
            searchFrom = buffer.count
        }
    }

    /// `false` when the body is too large (or chunked) to swallow.
    private func discardBody(of request: HTTPRequestHead, alreadyRead: Int) async throws -> Bool {
        if request.headers["transfer-encoding"] != nil { return false }
        let length = request.headers["content-length"].flatMap { Int($0) } ?? 0
        guard length >= 0, length <= Limits.maxDiscardedBodyBytes else { return false }
        var remaining = length - alreadyRead
        while remaining > 0 {
            remaining -= try await socket.read(atMost: min(remaining, Limits.readChunk)).count
        }
        return true
    }

    /// Writes the response, then half-closes and waits briefly for the client
    /// to hang up: closing with unread input makes the kernel send a reset,
    /// which can destroy the response before the client has read it.
    private func send(_ response: HTTPResponse) async throws {
        try await socket.write(response.encoded())
        _ = shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        _ = try? await withDeadline(Limits.lingerTimeout, drainUntilClosed)
    }

    /// Reads and discards until the client closes the connection or the task
    /// is cancelled (by `stop()` or a deadline); it is how `hang` holds a request.
    private func drainUntilClosed() async throws {
        while true {
            _ = try await socket.read(atMost: Limits.readChunk)
        }
    }
}

/// Runs `operation`, returning `nil` if it has not finished within `timeout`.
func withDeadline<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
