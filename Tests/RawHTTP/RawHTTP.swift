import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends bytes to a loopback port exactly as given, so tests can send the requests no HTTP client
/// would: two Host headers, a lying Origin, a body that never ends. Every wait is bounded.
public enum RawHTTP {
    public struct Response: Sendable {
        public let status: Int
        /// Names lower-cased, in order.
        public let headers: [(name: String, value: String)]
        public let body: String

        public func header(_ name: String) -> String? {
            headers.last { $0.name == name.lowercased() }?.value
        }

        public func headerValues(_ name: String) -> [String] {
            headers.filter { $0.name == name.lowercased() }.map(\.value)
        }
    }

    public enum Failure: Error {
        case cannotConnect
        case noAnswer
    }

    /// Sends `bytes` and reads until the server closes; nil status when it closed without an answer.
    public static func exchange(port: Int, _ bytes: [UInt8], timeout: Duration = .seconds(10)) throws -> Response {
        let connection = try Connection(port: port, timeout: timeout)
        defer { connection.close() }
        connection.send(bytes)
        return try connection.response()
    }

    /// A request built from parts; `Content-Length` is added for a body unless `headers` has one.
    public static func request(_ method: String = "GET", _ target: String = "/", headers: [(String, String)],
                               body: [UInt8] = []) -> [UInt8] {
        var text = "\(method) \(target) HTTP/1.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !body.isEmpty && !headers.contains(where: { $0.0.lowercased() == "content-length" }) {
            text += "Content-Length: \(body.count)\r\n"
        }
        return Array((text + "\r\n").utf8) + body
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)),
              let head = String(bytes: bytes[..<end.lowerBound], encoding: .utf8) else { throw Failure.noAnswer }
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure.noAnswer }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(status: status, headers: headers, body: String(decoding: bytes[end.upperBound...], as: UTF8.self))
    }

    /// One TCP connection with send and receive timeouts.
    public final class Connection: @unchecked Sendable {
        private let descriptor: Int32

        public init(port: Int, timeout: Duration = .seconds(10)) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw Failure.cannotConnect }
            var time = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            guard connected else {
                Glibc.close(descriptor)
                throw Failure.cannotConnect
            }
        }

        public func send(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { return }
                offset += sent
            }
        }

        /// One response: up to the end of its `Content-Length` body, else until the server closes (or
        /// the receive timeout passes). A server that keeps the connection (chromedriver) is not waited on.
        public func response() throws -> Response {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                if let response = try? RawHTTP.parse(received), let length = response.header("content-length").flatMap(Int.init),
                   response.body.utf8.count >= length {
                    return response
                }
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return try RawHTTP.parse(received) }
                received += buffer[..<count]
            }
        }

        public func close() {
            Glibc.close(descriptor)
        }
    }
}
