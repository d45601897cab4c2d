@testable import LakeflowAuthTerminal
import Testing

/// Keys read in one go: text with line breaks is one paste, so a line break never acts as Enter.
struct KeyBurstTests {
    static func keys(_ text: String) -> [Key] {
        text.unicodeScalars.map { $0 == "\n" ? Key.control(10) : $0 == "\r" ? Key.enter : Key.text(String($0)) }
    }

    @Test func aKeyAloneStaysAKey() {
        #expect(KeyBurst.assemble([.text("v")]) == [.text("v")])
        #expect(KeyBurst.assemble([.enter]) == [.enter])
    }

    @Test func linesThatCameTogetherAreOnePasteTheirLastLineBreakIncluded() {
        #expect(KeyBurst.assemble(Self.keys("-----BEGIN KEY-----\nabc\n-----END KEY-----\n"))
            == [.paste("-----BEGIN KEY-----\nabc\n-----END KEY-----\n")])
        #expect(KeyBurst.assemble(Self.keys("one\r\ntwo")) == [.paste("one\ntwo")], "CR LF is one line break")
    }

    @Test func oneLineThenEnterIsTextThenEnter() {
        #expect(KeyBurst.assemble(Self.keys("/tmp/key.pem\r")) == [.paste("/tmp/key.pem"), .enter])
    }

    @Test func otherKeysPassAsTheyAreBetweenTheRuns() {
        let typedAhead = Self.keys("acme-key") + [.tab] + Self.keys("demo") + [.ctrl("s")]
        #expect(KeyBurst.assemble(typedAhead) == [.paste("acme-key"), .tab, .paste("demo"), .ctrl("s")])
        #expect(KeyBurst.assemble([.special(260), .text("x")]) == [.special(260), .text("x")])
    }
}
