extension Unicode.Scalar {
    /// Unicode's White_Space property, with ASCII answered directly: descriptions are nearly all
    /// ASCII, and the property lookup is a table search per character.
    var isWhiteSpace: Bool {
        isASCII ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }

    /// Foundation's `CharacterSet.whitespaces`: Unicode's space separators, the tab and the zero-width space.
    var isSpaceOrTab: Bool {
        isASCII ? self == " " || self == "\t" : properties.generalCategory == .spaceSeparator || self == "\u{200B}"
    }
}

extension StringProtocol {
    /// Without the spaces and tabs at either end: what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// leaves, without its character-set setup, which costs more on first use than loading a spec.
    public var trimmingSpaces: String { trimming(\.isSpaceOrTab) }

    /// Without white space, line breaks included, at either end: `trimmingCharacters(in:
    /// .whitespacesAndNewlines)`, whose set is Unicode's White_Space property and the zero-width space.
    public var trimmingWhiteSpace: String { trimming { $0.isWhiteSpace || $0 == "\u{200B}" } }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
