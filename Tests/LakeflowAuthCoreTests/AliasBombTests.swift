import Foundation
import Testing
@testable import LakeflowAuthCore

/// Nested aliases ("billion laughs") would expand a few lines into 10^8 nodes; the loader refuses the
/// first anchor where it stands, before anything walks or hashes the tree.
@Suite("anchors and aliases")
struct AliasBombTests {
    /// Eight levels of ten aliases each, indented under `parent`.
    static func laughs(indent: String) -> String {
        var lines = ["\(indent)a: &a [x, x, x, x, x, x, x, x, x, x]"]
        let names = "abcdefghi".map(String.init)
        for level in 1..<names.count {
            let previous = Array(repeating: "*\(names[level - 1])", count: 10).joined(separator: ", ")
            lines.append("\(indent)\(names[level]): &\(names[level]) [\(previous)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let bombs: [(String, String, Int, Int)] = [
        ("a bomb in oauth", "connection:\n  parameters: []\n  oauth:\n" + laughs(indent: "    "), 4, 8),
        ("a bomb used as a mapping key", "x:\n" + laughs(indent: "  ") + "y:\n  ? *i\n  : 1\n", 2, 6),
        ("a lone alias to a scalar", "display_name: &n Acme\nconnection:\n  parameters:\n    - name: *n\n", 1, 15),
    ]

    @Test(arguments: bombs.indices)
    func refusedAtTheFirstAnchor(_ index: Int) throws {
        let (_, text, line, column) = Self.bombs[index]
        let started = ContinuousClock.now
        let error = try #require(throws: SpecError.self) { try SpecLoader.load(text: text, path: "bomb.yaml") }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(error.location == SourceLocation(path: "bomb.yaml", line: line, column: column))
        #expect(error.problem.contains("anchors and aliases"))
    }

    @Test func declarationsRefuseThemToo() throws {
        let text = "options:\n  - &opt\n    name: a\n  - *opt\n"
        let error = try #require(throws: SpecError.self) { try SpecLoader.load(text: text, path: "x/options.yaml") }
        #expect(error.location.line == 2)
        #expect(error.location.column == 5)
    }
}
