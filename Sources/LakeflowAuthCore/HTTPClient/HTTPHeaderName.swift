/// An HTTP field name is a token (RFC 9110): no spaces, colons or line breaks that would let it
/// end the line early and start another header.
public enum HTTPHeaderName {
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0))
        }
    }

    /// A field value may not hold CR, LF or NUL, which would end the header or the request.
    public static func isValidValue(_ value: String) -> Bool {
        !value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }
}
