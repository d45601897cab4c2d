import Foundation
@testable import LakeflowAuthCore
import LoopbackHTTP
import Testing

/// The small functions that stand in for Foundation's beyond FoundationEssentials give what
/// Foundation gave; Foundation, which the tests may link, is the reference.
struct FoundationParityTests {
    static let texts = ["", " ", "\t a b \t", "\u{A0}x\u{3000}", " \n x \r\n", "\u{2028}y\u{85}", "ü ", "é\u{301}", "a\u{200B}"]

    @Test(arguments: texts)
    func trimmingIsFoundations(text: String) {
        #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingFieldSpaces == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhiteSpace == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: ["/", "//", "/a", "/a/b", "/a/b/", "a//b", "./x", "../x/y", "/tmp/lakeflow-auth/options.yaml"])
    func parentPathIsDeletingLastPathComponent(path: String) {
        #expect(ParentPath.of(path) == (path as NSString).deletingLastPathComponent)
    }

    @Test(arguments: ["", "ab", "abcdef", "ü", "日本", "a😀b"])
    func paddingIsNSStrings(text: String) {
        for length in [0, 1, 3, 6] {
            #expect(text.padded(toLength: length) == text.padding(toLength: length, withPad: " ", startingAt: 0))
        }
    }

    @Test(arguments: [0.0, 0.05, 1.25, 1.35, 2, 12.5, 1e-7, 123456789.0])
    func cFormatIsStringFormat(value: Double) {
        #expect(CFormat.string("%g", value) == String(format: "%g", value))
        #expect(CFormat.string("%.1f s", value) == String(format: "%.1f s", value))
    }
}
