import FoundationEssentials

/// Parses the bytes before the blank line of a request, refusing what a loopback server has no reason
/// to accept: anything but HTTP/1.x, header lines without a name, a second `Host`, `Content-Length` or
/// `Origin` (two hosts or lengths are how requests are smuggled past a check, and with two origins one
/// check could read the first and another the last), lines or counts over the limits.
enum HTTPRequestHead {
    enum Problem: Error, Equatable {
        case malformed
        case headerTooLarge
    }

    static func parse(_ bytes: ArraySlice<UInt8>, limits: LoopbackLimits) throws(Problem) -> HTTPRequest {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformed }
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw .malformed }
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), isToken(requestLine[0]),
              requestLine[1].hasPrefix("/") else { throw .malformed }
        guard lines.count <= limits.maxHeaderCount else { throw .headerTooLarge }

        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard line.utf8.count <= limits.maxHeaderLineBytes else { throw .headerTooLarge }
            guard let colon = line.firstIndex(of: ":"), isToken(line[..<colon]) else { throw .malformed }
            let value = line[line.index(after: colon)...].trimmingFieldSpaces
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else {
                throw .malformed
            }
            headers.append((line[..<colon].lowercased(), value))
        }
        for unique in ["host", "content-length", "origin"] where headers.count(where: { $0.name == unique }) > 1 {
            throw .malformed
        }

        let target = requestLine[1]
        let question = target.firstIndex(of: "?")
        return HTTPRequest(method: String(requestLine[0]), path: String(target[..<(question ?? target.endIndex)]),
                           rawQuery: question.map { String(target[target.index(after: $0)...]) }, headers: headers)
    }

    /// RFC 9110's token: what a method or a header name may be made of.
    private static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x21...0x7E).contains(byte) && !#"()<>@,;:\"/[]?={} "#.utf8.contains(byte)
        }
    }
}
