/// Reads the header one LF-terminated line at a time, remembering where each line starts so
/// the MAC input and payload can be sliced from the original bytes.
struct HeaderLines {
    let bytes: [UInt8]
    private(set) var offset: Int
    private(set) var lineStart: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = bytes.startIndex
        lineStart = offset
    }

    /// The next line without its LF, or nil at the end of the input. A line that is not
    /// terminated by LF, or that is not ASCII, is a header failure.
    mutating func next() throws -> Substring? {
        guard offset < bytes.endIndex else { return nil }
        guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else {
            throw AgeError.headerFailure("header ends without a final newline")
        }
        let line = bytes[offset..<end]
        guard line.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else {
            throw AgeError.headerFailure("header contains control or non-ascii characters")
        }
        lineStart = offset
        offset = end + 1
        return Substring(String(decoding: line, as: UTF8.self))
    }

    /// The next line without consuming it.
    func peek() throws -> Substring? {
        var copy = self
        return try copy.next()
    }
}
