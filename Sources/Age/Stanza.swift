/// One recipient stanza: `-> type arguments...` followed by a wrapped base64 body.
public struct Stanza: Sendable, Equatable {
    public let type: String
    public let arguments: [String]
    public let body: [UInt8]

    /// `type` and `arguments` must be non-empty strings of printable ASCII without spaces.
    public init(type: String, arguments: [String], body: [UInt8]) {
        self.type = type
        self.arguments = arguments
        self.body = body
    }

    private static let columns = 64

    /// The stanza as it appears in the header, ending with the mandatory short final body line.
    var encoded: String {
        var text = "-> " + ([type] + arguments).joined(separator: " ") + "\n"
        var body = Substring(Base64.encodeUnpadded(body))
        while body.count >= Self.columns {
            text += body.prefix(Self.columns) + "\n"
            body = body.dropFirst(Self.columns)
        }
        return text + body + "\n"
    }

    /// Parses a stanza starting at `lines`' current line, leaving `lines` after its final body line.
    static func parse(_ lines: inout HeaderLines) throws -> Stanza {
        guard let argumentLine = try lines.next(), argumentLine.hasPrefix("-> ") else {
            throw AgeError.headerFailure("expected a recipient stanza starting with '-> '")
        }
        let words = argumentLine.dropFirst(3).split(separator: " ", omittingEmptySubsequences: false)
        guard words.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isVisible) }) else {
            throw AgeError.headerFailure("stanza arguments must be non-empty printable ascii separated by single spaces")
        }
        var body: [UInt8] = []
        while true {
            guard let line = try lines.next() else {
                throw AgeError.headerFailure("stanza body is missing its final short line")
            }
            guard line.utf8.count <= columns, let decoded = Base64.decodeUnpadded(line) else {
                throw AgeError.headerFailure("stanza body is not canonical base64 wrapped at 64 columns")
            }
            body += decoded
            if line.utf8.count < columns { break }
        }
        return Stanza(type: String(words[0]), arguments: words.dropFirst().map(String.init), body: body)
    }

    private static func isVisible(_ byte: UInt8) -> Bool { (0x21...0x7e).contains(byte) }
}
