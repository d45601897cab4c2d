/// Spec text is untrusted: before it reaches a terminal, control characters (escape sequences that
/// could move the cursor or rewrite the screen) are replaced.
public enum TerminalText {
    public static func sanitized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return ["\n", "\t", "\r"].contains(scalar) ? " " : "\u{FFFD}"
            default: return scalar
            }
        }))
    }

    /// Input quoted in a message, sanitized and cut to `limit` characters with the cut marked: a
    /// message about a 1 MB option name should not be 1 MB long.
    public static func excerpt(_ text: String, limit: Int = 60) -> String {
        let clean = sanitized(text)
        guard clean.count > limit else { return clean }
        return clean.prefix(limit) + "… (\(clean.count - limit) more characters)"
    }
}
