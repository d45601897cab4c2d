import Synchronization

/// The API keys revoked while the sandbox runs, shared by the server and its router.
final class RevokedKeys: Sendable {
    private let revoked = Mutex<Set<String>>([])

    func add(_ key: String) {
        revoked.withLock { _ = $0.insert(key) }
    }

    var keys: Set<String> { revoked.withLock { $0 } }
}
