import FlyingSocks
import FoundationEssentials
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
/// Any local user can open sockets to it, so places are kept for requests rather than sockets: a
/// connection that has sent no whole request head holds its place only until the head deadline, and
/// when every place is taken a newcomer takes the place of the oldest one that has sent nothing at
/// all (none of its bytes read, none waiting to be). Requests read whole take
/// up to `maxConnections` places; the `reservedConnections` beyond them go only to requests `priority`
/// picks (the browser form's session), so its person is served while others' requests fill the rest.
///
/// It reads requests itself on FlyingSocks rather than through FlyingFox's `HTTPServer`, because that
/// decoder buffers request and header lines without any size limit.
public final class LoopbackServer: Sendable {
    private let handler: HTTPHandler
    private let limits: LoopbackLimits
    private let priority: (@Sendable (HTTPRequest) -> Bool)?
    private let state = State()
    private let counters = Mutex(Counters())

    /// - Parameter priority: which requests may take the reserved places; it sees the head only.
    public init(limits: LoopbackLimits = LoopbackLimits(), priority: (@Sendable (HTTPRequest) -> Bool)? = nil,
                handler: @escaping HTTPHandler) {
        self.limits = limits
        self.priority = priority
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
                    let id = admit(socket.socket.file.rawValue)
                    group.addTask { [self] in
                        await serve(socket, id: id)
                    }
                }
            } catch {
                // Cancelled by stop(), or the listener failed: either way serving ends.
            }
            group.cancelAll()
        }
    }

    /// A place for a new connection, if need be the place of the connection that has waited longest
    /// having sent nothing; nil when there is none such.
    private func admit(_ descriptor: Int32) -> UInt64? {
        counters.withLock { counters in
            let id = counters.nextID
            counters.nextID += 1
            if counters.waiting.count + counters.serving.count >= limits.maxConnections + limits.reservedConnections {
                guard let silent = counters.waiting.firstIndex(where: { !$0.started && Self.nothingPending($0.descriptor) }) else {
                    return nil
                }
                // Shut while the lock is held: a connection leaves `waiting` before its socket is closed,
                // so the descriptor is still its own. Its read ends, and so does the connection.
                shutdown(counters.waiting.remove(at: silent).descriptor, Int32(SHUT_RDWR))
            }
            counters.waiting.append((id, descriptor, false))
            return id
        }
    }

    /// No byte of the connection's is waiting to be read: a request sent but not yet read is not silence.
    private static func nothingPending(_ descriptor: Int32) -> Bool {
        var pending: Int32 = 0
        return ioctl(descriptor, UInt(FIONREAD), &pending) == 0 && pending == 0
    }

    /// The connection has sent something, so it is no longer the silent kind a newcomer may push out.
    private func started(_ id: UInt64) {
        counters.withLock { counters in
            if let index = counters.waiting.firstIndex(where: { $0.id == id }) { counters.waiting[index].started = true }
        }
    }

    /// Whether a request whose head has arrived is served: a priority one in any place, another only
    /// within `maxConnections`; never one whose place was taken meanwhile.
    private func serves(_ request: HTTPRequest, id: UInt64) -> Bool {
        let isPriority = priority?(request) ?? false
        return counters.withLock { counters in
            guard let index = counters.waiting.firstIndex(where: { $0.id == id }) else { return false }
            counters.waiting.remove(at: index)
            guard isPriority || counters.serving.values.count(where: { !$0 }) < limits.maxConnections else { return false }
            counters.serving[id] = isPriority
            return true
        }
    }

    private func serve(_ socket: AsyncSocket, id: UInt64?) async {
        let connection = Connection(socket: socket, limits: limits)
        guard let id else {
            return await connection.refuse(.text(503, "too many connections"))
        }
        await connection.handle(handler, started: { self.started(id) }, admit: { serves($0, id: id) },
                                onRequest: { counters.withLock { $0.requests += 1 } })
        counters.withLock { counters in
            counters.waiting.removeAll { $0.id == id }
            counters.serving[id] = nil
        }
        try? socket.close()
    }
}

public enum LoopbackServerError: Error, Equatable {
    case alreadyRunning
    case unexpectedAddress
    case cannotListen(port: UInt16, reason: String)
}

extension LoopbackServer {
    struct Counters {
        /// Connections whose request head has not arrived, oldest first, with their descriptors and
        /// whether any of their bytes were read.
        var waiting: [(id: UInt64, descriptor: Int32, started: Bool)] = []
        /// Connections whose request is being served, and whether it is a priority one.
        var serving: [UInt64: Bool] = [:]
        var nextID: UInt64 = 0
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
