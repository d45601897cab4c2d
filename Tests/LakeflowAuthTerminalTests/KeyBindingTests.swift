import CNCurses
@testable import LakeflowAuthTerminal
import Testing

/// The key bindings are data: each key does one thing, the footer and the help come from the same list.
struct KeyBindingTests {
    @Test func noKeyIsBoundTwice() {
        let keys = KeyBinding.form.flatMap(\.keys)
        #expect(keys.count == Set(keys).count)
    }

    @Test func theKeysDoWhatTheHelpSays() {
        #expect(KeyBinding.command(for: .ctrl("s")) == .save)
        #expect(KeyBinding.command(for: .escape) == .cancel)
        #expect(KeyBinding.command(for: .ctrl("c")) == .cancel)
        #expect(KeyBinding.command(for: .tab) == .nextField)
        #expect(KeyBinding.command(for: .special(KEY_BTAB)) == .previousField)
        #expect(KeyBinding.command(for: .enter) == .enter)
        #expect(KeyBinding.command(for: .control(10)) == .enter)
        #expect(KeyBinding.command(for: .ctrl("r")) == .reveal)
        #expect(KeyBinding.command(for: .text("x")) == nil, "letters are typed, not commands")
    }

    @Test func theFooterIsRankedAndShort() {
        let footer = KeyBinding.footerBindings
        #expect(footer.map { $0.footer!.rank } == footer.map { $0.footer!.rank }.sorted())
        #expect(footer.first?.command == .save)
        #expect(footer.first?.shortKeyName == "Ctrl-S")
        #expect(footer.contains { $0.command == .cancel && $0.footer?.label == "quit" })
    }

    @Test func theHelpSaysThatCtrlCTwiceQuits() {
        let cancel = KeyBinding.form.first { $0.command == .cancel }
        #expect(cancel?.action.contains("Ctrl-C twice quits") == true)
    }
}
