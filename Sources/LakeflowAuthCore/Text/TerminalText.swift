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
}
