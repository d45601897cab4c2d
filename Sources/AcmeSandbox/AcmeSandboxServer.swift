import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback HTTP server answering Acme's credential probe from a configuration.
///
/// It reads requests itself on FlyingSocks rather than through FlyingFox's
/// `HTTPServer`, because that decoder buffers request and header lines without
/// any size limit; here every connection's memory is bounded by `Limits`.
public final class AcmeSandboxServer: Sendable {
    private let router: ProbeRouter
    private let state = State()

    public init(configuration: AcmeSandboxConfiguration) {
        router = ProbeRouter(configuration: configuration)
    }

    /// Binds 127.0.0.1 on an ephemeral port and starts serving.
    /// - Returns: The base URL, e.g. `http://127.0.0.1:54321` (no trailing slash).
    ///   The socket is already listening, so connections made right away are accepted.
    public func start() async throws -> URL {
        let listener = try Self.makeListeningSocket()
        do {
            guard case let .ip4(host, port) = try listener.sockname(),
                  let url = URL(string: "http://\(host):\(port)") else {
                throw AcmeSandboxError.unexpectedAddress
            }
            let pool = SocketPool.make()
            try await pool.prepare()
            let asyncListener = try AsyncSocket(socket: listener, pool: pool)
            let task = Task(executorPreference: SandboxExecutor.shared) { [router, state] in
                await Self.serve(listener: asyncListener, pool: pool, router: router, state: state)
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

    /// Stops accepting, drops open connections (including hanging ones) and
    /// frees the port. Does nothing if the server is not running.
    public func stop() async {
        guard let running = await state.uninstall() else { return }
        running.task.cancel()
        await running.task.value
        // Closed only after the accept loop has finished with it, so the
        // descriptor cannot be reused under a pending accept.
        try? running.listener.close()
    }

    /// Requests whose headers were received, whether or not they were answered.
    public var requestCount: Int {
        get async { await state.requestCount }
    }

    /// The base URL while running, `nil` otherwise.
    public var url: URL? {
        get async { await state.running?.url }
    }

    private static func makeListeningSocket() throws -> Socket {
        let socket = try Socket(domain: AF_INET, type: .stream)
        do {
            try socket.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: 0))
            try socket.listen()
            return socket
        } catch {
            try? socket.close()
            throw error
        }
    }

    private static func serve(listener: AsyncSocket, pool: some AsyncSocketPool, router: ProbeRouter, state: State) async {
        await withDiscardingTaskGroup { group in
            group.addTask { try? await pool.run() }
            do {
                for try await connection in listener.sockets {
                    group.addTask {
                        await Connection(socket: connection).handle(router: router, state: state)
                    }
                }
            } catch {
                // Cancelled by stop(), or the listener failed: either way serving ends.
            }
            group.cancelAll()
        }
    }
}

public enum AcmeSandboxError: Error, Equatable {
    case alreadyRunning
    case unexpectedAddress
}

extension AcmeSandboxServer {
    struct Running: Sendable {
        var task: Task<Void, Never>
        var listener: Socket
        var url: URL
    }

    actor State {
        private(set) var running: Running?
        private(set) var requestCount = 0

        func install(_ new: Running) throws {
            guard running == nil else { throw AcmeSandboxError.alreadyRunning }
            running = new
        }

        func uninstall() -> Running? {
            defer { running = nil }
            return running
        }

        func recordRequest() {
            requestCount += 1
        }
    }
}
