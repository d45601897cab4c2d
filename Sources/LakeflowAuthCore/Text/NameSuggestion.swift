/// "Did you mean": the known names closest to a mistyped one, by edit distance.
public enum NameSuggestion {
    /// Names within a few edits of `name` (one per three characters, at least one), closest first,
    /// at most three; none when nothing is that close.
    public static func closest(to name: String, among names: [String], limit: Int = 3) -> [String] {
        let typed = Array(name.lowercased())
        let allowed = max(1, typed.count / 3)
        return names.map { ($0, distance(typed, Array($0.lowercased()))) }
            .filter { $0.1 <= allowed && $0.0 != name }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit ("gtihub").
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
