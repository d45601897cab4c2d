import FoundationEssentials
import LoopbackHTTP

/// A loopback HTTP server answering Acme's credential probe from a configuration.
public final class AcmeSandboxServer: Sendable {
    private let server: LoopbackServer
    private let revoked = RevokedKeys()

    public init(configuration: AcmeSandboxConfiguration) {
        let router = ProbeRouter(configuration: configuration, revoked: revoked)
        server = LoopbackServer { request in router.reply(to: request) }
    }

    /// Refuses an API key from now on (401, as for any unknown key), as a source does once its owner
    /// revokes it; for tests of credentials that stop working while stored.
    public func revoke(key: String) {
        revoked.add(key)
    }

    /// Binds 127.0.0.1 on an ephemeral port and starts serving.
    /// - Returns: The base URL, e.g. `http://127.0.0.1:54321` (no trailing slash).
    ///   The socket is already listening, so connections made right away are accepted.
    public func start() async throws -> URL {
        do {
            return try await server.start()
        } catch LoopbackServerError.alreadyRunning {
            throw AcmeSandboxError.alreadyRunning
        } catch LoopbackServerError.unexpectedAddress {
            throw AcmeSandboxError.unexpectedAddress
        }
    }

    /// Stops accepting, drops open connections (including hanging ones) and
    /// frees the port. Does nothing if the server is not running.
    public func stop() async {
        await server.stop()
    }

    /// Requests whose headers were received, whether or not they were answered.
    public var requestCount: Int {
        get async { server.requestCount }
    }

    /// The base URL while running, `nil` otherwise.
    public var url: URL? {
        get async { await server.url }
    }
}

public enum AcmeSandboxError: Error, Equatable {
    case alreadyRunning
    case unexpectedAddress
}
