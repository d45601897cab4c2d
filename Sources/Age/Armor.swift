import FoundationEssentials

/// The strict PEM armor for age files. Only whitespace around the block and CRLF line endings
/// are tolerated; anything else would let an armored file be altered without detection.
public enum Armor {
    static let beginLine = "-----BEGIN AGE ENCRYPTED FILE-----"
    static let endLine = "-----END AGE ENCRYPTED FILE-----"
    private static let columns = 64

    public static func encode(_ file: [UInt8]) -> [UInt8] {
        var text = Substring(Data(file).base64EncodedString())
        var armored = beginLine + "\n"
        while !text.isEmpty {
            armored += text.prefix(columns) + "\n"
            text = text.dropFirst(columns)
        }
        return Array((armored + endLine + "\n").utf8)
    }

    public static func decode(_ armored: [UInt8]) throws -> [UInt8] {
        let isOutsideWhitespace: (UInt8) -> Bool = { [0x20, 0x09, 0x0d, 0x0a].contains($0) }
        guard let first = armored.firstIndex(where: { !isOutsideWhitespace($0) }),
              let last = armored.lastIndex(where: { !isOutsideWhitespace($0) })
        else {
            throw AgeError.armorFailure("input is empty")
        }
        let lines = armored[first...last].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0d ? line.dropLast() : line, as: UTF8.self)
        }
        guard lines.first == beginLine else {
            throw AgeError.armorFailure("missing the '\(beginLine)' line")
        }
        guard lines.count >= 2, lines.last == endLine else {
            throw AgeError.armorFailure("missing the '\(endLine)' line")
        }
        let body = lines.dropFirst().dropLast()
        var file: [UInt8] = []
        for (index, line) in zip(body.indices, body) {
            let isLastLine = index == body.indices.last
            guard isLastLine ? (1...columns).contains(line.utf8.count) : line.utf8.count == columns,
                  isLastLine || !line.contains("="),
                  let decoded = Base64.decodePadded(Substring(line))
            else {
                throw AgeError.armorFailure("armor body must be canonical padded base64 in full 64-column lines")
            }
            file += decoded
        }
        return file
    }
}
