import FlyingSocks
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The HTTP/1.1 server every part of the tool serves with (the browser form, the sandbox, the OAuth
/// callback): bound to 127.0.0.1 only, each request read within `LoopbackLimits` before its handler
/// sees it.
///
/// It reads requests itself on FlyingSocks rather than through FlyingFox's `HTTPServer`, because that
/// decoder buffers request and header lines without any size limit.
public final class LoopbackServer: Sendable {
    private let handler: HTTPHandler
    private let limits: LoopbackLimits
    private let state = State()
    private let counters = Mutex(Counters())

    public init(limits: LoopbackLimits = LoopbackLimits(), handler: @escaping HTTPHandler) {
        self.limits = limits
        self.handler = handler
    }

    /// Binds 127.0.0.1 on `port` (0: a free one the system picks) and starts serving.
    /// - Returns: The base URL, e.g. `http://127.0.0.1:54321` (no trailing slash). The socket is
    ///   already listening, so connections made right away are accepted.
    public func start(port: UInt16 = 0) async throws -> URL {
        let listener = try Self.makeListeningSocket(port: port)
        do {
            guard case let .ip4(host, boundPort) = try listener.sockname(),
                  let url = URL(string: "http://\(host):\(boundPort)") else {
                throw LoopbackServerError.unexpectedAddress
            }
            let pool = SocketPool.make()
            try await pool.prepare()
            let asyncListener = try AsyncSocket(socket: listener, pool: pool)
            let task = Task(executorPreference: LoopbackExecutor.shared) { [self] in
                await serve(listener: asyncListener, pool: pool)
            }
            do {
                try await state.install(Running(task: task, listener: listener, url: url))
            } catch {
                // Wait for the accept loop to let go before the listener is closed below.
                task.cancel()
                await task.value
                throw error
            }
            return url
        } catch {
            try? listener.close()
            throw error
        }
    }

    /// Stops accepting, drops open connections (including held ones) and frees the port. Does
    /// nothing if the server is not running.
    public func stop() async {
        guard let running = await state.uninstall() else { return }
        running.task.cancel()
        await running.task.value
        // Closed only after the accept loop has finished with it, so the descriptor cannot be reused
        // under a pending accept.
        try? running.listener.close()
    }

    /// Requests read whole, whether or not they were answered.
    public var requestCount: Int { counters.withLock { $0.requests } }

    /// The base URL while running, `nil` otherwise.
    public var url: URL? {
        get async { await state.running?.url }
    }

    private static func makeListeningSocket(port: UInt16) throws -> Socket {
        let socket = try Socket(domain: AF_INET, type: .stream)
        do {
            // A port given on the command line may still be in TIME_WAIT from the last run.
            if port != 0 { try socket.setValue(true, for: .localAddressReuse) }
            try socket.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
            try socket.listen()
            return socket
        } catch {
            try? socket.close()
            throw LoopbackServerError.cannotListen(port: port, reason: String(describing: error))
        }
    }

    private func serve(listener: AsyncSocket, pool: some AsyncSocketPool) async {
        await withDiscardingTaskGroup { group in
            group.addTask { try? await pool.run() }
            do {
                for try await socket in listener.sockets {
                    let admitted = counters.withLock { counters in
                        guard counters.open < limits.maxConnections else { return false }
                        counters.open += 1
                        return true
                    }
                    group.addTask { [self] in
                        await serve(socket, admitted: admitted)
                    }
                }
            } catch {
                // Cancelled by stop(), or the listener failed: either way serving ends.
            }
            group.cancelAll()
        }
    }

    private func serve(_ socket: AsyncSocket, admitted: Bool) async {
        let connection = Connection(socket: socket, limits: limits)
        guard admitted else {
            return await connection.refuse(.text(503, "too many connections"))
        }
        await connection.handle(handler) { counters.withLock { $0.requests += 1 } }
        counters.withLock { $0.open -= 1 }
    }
}

public enum LoopbackServerError: Error, Equatable {
    case alreadyRunning
    case unexpectedAddress
    case cannotListen(port: UInt16, reason: String)
}

extension LoopbackServer {
    struct Counters {
        var open = 0
        var requests = 0
    }

    struct Running: Sendable {
        var task: Task<Void, Never>
        var listener: Socket
        var url: URL
    }

    actor State {
        private(set) var running: Running?

        func install(_ new: Running) throws {
            guard running == nil else { throw LoopbackServerError.alreadyRunning }
            running = new
        }

        func uninstall() -> Running? {
            defer { running = nil }
            return running
        }
    }
}
