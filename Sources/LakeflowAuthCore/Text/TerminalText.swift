/// The one sanitizer of text from outside (servers, files, arguments, env vars, specs) on its way to a
/// terminal or a generated file. `isUnsafe` decides, once for every printer, which characters may not
/// pass as they are: C0 and C1 controls (ESC starts CSI and OSC sequences, which move the cursor, set
/// the window title or write the clipboard; U+009B and U+009D start them alone), format characters
/// (bidi overrides and isolates that reorder what is shown, zero-width spaces and joiners that hide
/// characters, U+FEFF), and line and paragraph separators. Terminal printers replace them (`sanitized`);
/// JSON and YAML writers escape them, which loses nothing.
public enum TerminalText {
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII answered directly: the category lookup is a table search, once per scalar printed.
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// One line: line breaks and tabs become spaces, every other unsafe character U+FFFD, so what was
    /// there stays visible without doing anything.
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            guard isUnsafe(scalar) else { return scalar }
            return ["\n", "\t", "\r"].contains(scalar) ? " " : replacement
        }))
    }

    /// Several lines, as a message of ours may have (a list of missing values): each sanitized, the
    /// line breaks between them kept.
    public static func sanitizedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitized(String($0)) }.joined(separator: "\n")
    }

    /// Input quoted in a message, sanitized and cut to `limit` characters with the cut marked: a
    /// message about a 1 MB option name should not be 1 MB long.
    public static func excerpt(_ text: String, limit: Int = 60) -> String {
        let clean = sanitized(text)
        guard clean.count > limit else { return clean }
        return clean.prefix(limit) + "… (\(clean.count - limit) more characters)"
    }
}
