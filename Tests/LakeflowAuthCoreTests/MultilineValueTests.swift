import LakeflowAuthCore
import Testing

struct MultilineValueTests {
    @Test(arguments: [("-----END PRIVATE KEY-----", true), ("  -----END RSA PRIVATE KEY-----  ", true),
                      ("-----END -----", false), ("-----BEGIN PRIVATE KEY-----", false), ("MIIEvQ", false), ("", false)])
    func endLines(line: String, ends: Bool) {
        #expect(MultilineValue.isEndLine(line) == ends)
    }

    @Test func aValueIsItsLinesWithoutTrailingBlankOnes() {
        #expect(MultilineValue.joined(["a", "b", "", " "]) == "a\nb")
        #expect(MultilineValue.isComplete(["-----BEGIN X-----", "-----END X-----"]))
        #expect(!MultilineValue.isComplete(["-----BEGIN X-----", "MII"]))
    }
}
