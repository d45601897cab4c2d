/// How every front end shows a value, decided once so none can show or send back a secret by
/// mistake: secrets masked, multi-line values counted, control characters in the rest made visible.
public enum ValueDisplay {
    /// A value at rest (summaries, prefilled fields): secrets as `••••1a2f`, a pasted key as `(42 lines)`.
    public static func summary(_ value: String, of option: ConnectorOption) -> String {
        if let lines = lineCount(value) { return "(\(lines) lines)" }
        return option.secret ? Masking.mask(value) : visible(value)
    }

    /// A value being typed: one `•` a character for a secret unless the person asked to see it, so the
    /// cursor still moves cell by cell.
    public static func editing(_ value: String, of option: ConnectorOption, revealed: Bool = false) -> String {
        if option.secret && !revealed { return String(repeating: "•", count: value.count) }
        return visible(value)
    }

    /// The number of lines of a multi-line value; nil for a single line.
    public static func lineCount(_ value: String) -> Int? {
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return nil }
        return lines.last?.isEmpty == true ? lines.count - 1 : lines.count
    }

    /// Control characters as their Unicode pictures (␛, ␀), so an escape sequence in a value can
    /// neither drive the terminal nor pass unseen.
    public static func visible(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value)!
            case 0x7F: return "\u{2421}"
            default: return TerminalText.isUnsafe(scalar) ? TerminalText.replacement : scalar
            }
        }))
    }
}
