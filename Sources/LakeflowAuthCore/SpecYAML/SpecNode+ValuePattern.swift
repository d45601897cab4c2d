extension SpecNode {
    /// An option's `pattern`, refused where it stands when it is no pattern `ValuePattern` can run:
    /// the option declarations and the check layer take it by the same rule.
    func valuePattern(ofOption name: String) throws -> String {
        let pattern = try string("pattern")
        do {
            _ = try ValuePattern(pattern)
        } catch {
            throw self.error("option \"\(name)\" has a pattern that \(error.problem)",
                             hint: "patterns are regular expressions without backtracking, like ^[a-z0-9-]+$")
        }
        return pattern
    }
}
