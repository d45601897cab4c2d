import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback port that is bound but never listens: every connection to it is refused, and no other
/// server can take the port while this is held. A stopped server's port gives no such promise; the
/// system may hand it to the next server that asks.
public final class RefusingPort: Sendable {
    private let descriptor: Int32
    /// `http://127.0.0.1:<port>`
    public let url: URL

    public init() throws {
        (descriptor, url) = try LoopbackSocket.bound()
    }

    deinit { close(descriptor) }
}
