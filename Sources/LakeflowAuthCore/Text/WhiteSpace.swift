extension Unicode.Scalar {
    /// Unicode's White_Space property, with ASCII answered directly: descriptions are nearly all
    /// ASCII, and the property lookup is a table search per character.
    var isWhiteSpace: Bool {
        isASCII ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }

    /// Unicode's space separators and the tab: Foundation's `CharacterSet.whitespaces`.
    var isSpaceOrTab: Bool {
        isASCII ? self == " " || self == "\t" : properties.generalCategory == .spaceSeparator
    }
}

extension StringProtocol {
    /// Without the spaces and tabs at either end: what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// leaves, without its character-set setup, which costs more on first use than loading a spec.
    public var trimmingSpaces: String { trimming(\.isSpaceOrTab) }

    /// Without white space, line breaks included, at either end: `trimmingCharacters(in:
    /// .whitespacesAndNewlines)`, whose set is Unicode's White_Space property.
    public var trimmingWhiteSpace: String { trimming(\.isWhiteSpace) }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
