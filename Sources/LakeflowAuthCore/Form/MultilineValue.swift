import FoundationEssentials

/// Where a multi-line value (a PEM key) typed or pasted a line at a time ends, the same for every
/// front end: at its `-----END …-----` line, or at an empty line, which is not part of it.
public enum MultilineValue {
    /// What a front end tells the person before the first line.
    public static let howItEnds = "paste it whole; it ends at its -----END …----- line, or at an empty line"

    /// True for a PEM's closing line, `-----END PRIVATE KEY-----` and the like.
    public static func isEndLine(_ line: String) -> Bool {
        let trimmed = line.trimmingSpaces
        return trimmed.hasPrefix("-----END ") && trimmed.hasSuffix("-----") && trimmed.count > "-----END -----".count
    }

    /// True when the lines given so far make a whole value: the last is an END line, or, for a value
    /// that is no PEM at all, when the caller has seen the empty line that ends it.
    public static func isComplete(_ lines: [String]) -> Bool {
        lines.last.map(isEndLine) ?? false
    }

    /// The lines as one value: line breaks as `\n`, no trailing empty lines.
    public static func joined(_ lines: [String]) -> String {
        var lines = lines
        while lines.last?.trimmingSpaces.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
