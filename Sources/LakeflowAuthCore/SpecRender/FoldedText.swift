/// Breaks a description into lines for a YAML folded block (`>`), which joins them back with single
/// spaces: the text survives byte for byte once whitespace runs are collapsed. Words are split at
/// space scalars, as descriptions are normalized (SpecRules.normalizeDescription).
enum FoldedText {
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.unicodeScalars.split(separator: " ").map({ String(String.UnicodeScalarView($0)) }) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
