/// The known word a mistyped one most likely meant, by edit distance over Unicode scalars (so a
/// look-alike letter from another script counts as one edit).
enum NearestWord {
    static func find(_ word: String, among candidates: [String]) -> String? {
        let typed = Array(word.unicodeScalars.prefix(200))
        let scored = candidates.map { ($0, distance(typed, Array($0.unicodeScalars))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, best.0.unicodeScalars.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance, one row at a time.
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
