extension Unicode.Scalar {
    /// Unicode's White_Space property, with ASCII answered directly: descriptions are nearly all
    /// ASCII, and the property lookup is a table search per character.
    var isWhiteSpace: Bool {
        isASCII ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }
}

extension String {
    /// Without the spaces and tabs at either end: what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// (Unicode's space separators and the tab) leaves, without its character-set setup, which costs
    /// more on first use than loading a spec.
    var trimmingSpaces: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = unicodeScalars.firstIndex(where: { !isSpace($0) }),
              let last = unicodeScalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(unicodeScalars[first...last])
    }
}
