import CZlib

enum Zlib {
    struct InflateError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "zlib inflate failed with code \(code)" }
    }

    static func inflate(_ compressed: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        var status = inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw InflateError(code: status) }
        defer { inflateEnd(&stream) }
        var input = compressed
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        status = input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            var result = Z_OK
            while result == Z_OK {
                result = buffer.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = uInt(outputBuffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output += buffer[..<(buffer.count - Int(stream.avail_out))]
            }
            return result
        }
        guard status == Z_STREAM_END else { throw InflateError(code: status) }
        return output
    }
}
