extension StringProtocol {
    /// A header field's value without the white space around it: spaces and tabs, the other Unicode
    /// space separators and the zero-width space, as Foundation's `trimmingCharacters(in: .whitespaces)`
    /// took them.
    public var trimmingFieldSpaces: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator || scalar == "\u{200B}"
        }
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
