/// How every front end shows a value, decided once so none can show or send back a secret by
/// mistake: secrets masked (`Masking`, the same whether at rest or being typed), multi-line values
/// counted, control characters in the rest made visible.
public enum ValueDisplay {
    /// A value at rest (summaries, prefilled fields): a secret as its mask, a pasted key as `(42 lines)`.
    public static func summary(_ value: String, of option: ConnectorOption) -> String {
        if option.secret { return Masking.mask(value) }
        if let lines = lineCount(value) { return "(\(lines) lines)" }
        return visible(value)
    }

    /// A hidden value as it is typed (a secret the person did not ask to see): the mask without a tail
    /// (`Masking.typing`), or nothing while it is empty, so a placeholder can show.
    public static func hidden(_ value: String) -> String {
        value.isEmpty ? "" : Masking.typing
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
