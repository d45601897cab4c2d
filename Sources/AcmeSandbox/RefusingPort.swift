import Foundation
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
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard descriptor >= 0, bound, let url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))") else {
            if descriptor >= 0 { close(descriptor) }
            throw AcmeSandboxError.unexpectedAddress
        }
        self.descriptor = descriptor
        self.url = url
    }

    deinit { close(descriptor) }
}
