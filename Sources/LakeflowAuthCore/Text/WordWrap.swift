/// Breaks text into lines of at most `width` characters at spaces; a word longer than a line (a URL)
/// gets a line of its own rather than being cut. Used for YAML folded blocks (`>`), which join the
/// lines back with single spaces, and for descriptions in a terminal.
///
/// Words are split at space scalars, not at `Character`s: a space followed by a combining mark is one
/// `Character`, and splitting on characters would glue two words together across a fold.
public enum WordWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        let words = text.unicodeScalars.split(whereSeparator: \.isWhiteSpace)
            .map { String(String.UnicodeScalarView($0)) }
        for word in words {
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
