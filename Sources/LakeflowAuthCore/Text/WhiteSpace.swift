extension Unicode.Scalar {
    /// Unicode's White_Space property, with ASCII answered directly: descriptions are nearly all
    /// ASCII, and the property lookup is a table search per character.
    var isWhiteSpace: Bool {
        isASCII ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }
}
