import Foundation
@testable import LakeflowAuthTerminal
import Testing

/// Cells, as the terminal counts them: what the cursor and the clipping rest on.
struct CellWidthTests {
    init() {
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    @Test func widthsByGrapheme() {
        #expect(CellWidth.of("abc") == 3)
        #expect(CellWidth.of("漢字") == 4)
        #expect(CellWidth.of("👍🏽") == 2)
        #expect(CellWidth.of("e\u{301}") == 1, "a combining accent takes no cell of its own")
        #expect(CellWidth.of("◉ api_key") == 9)
    }

    @Test func whatDoesNotFitIsCutWithAnEllipsis() {
        #expect(CellWidth.fitting("abcdef", cells: 6) == "abcdef")
        #expect(CellWidth.fitting("abcdefg", cells: 6) == "abcde…")
        #expect(CellWidth.fitting("漢字漢字", cells: 5) == "漢字…")
        #expect(CellWidth.fitting("abc", cells: 0) == "")
    }
}
