import LakeflowAuthCore
@testable import LakeflowAuthTerminal
import Testing

/// Where the full-screen form puts things on a screen of a given size.
struct FormLayoutTests {
    static func acmeForm(method: String? = nil) throws -> Form {
        var form = Form(spec: try ResolvedSpec.builtIn("acme").load())
        if let method { try form.chooseAuthMethod(method) }
        return form
    }

    @Test func theRowsAddUpOnATallAndASmallScreen() {
        let tall = FormLayout(rows: 30, columns: 100, noteLines: 0)
        #expect(tall.bodyTop == 2 && tall.helpRows == 4)
        #expect(tall.statusRow == 28 && tall.footerRow == 29)
        #expect(tall.helpTop + tall.helpRows + 1 == tall.statusRow, "help, its detail line, then the status")
        let small = FormLayout(rows: FormLayout.minimumRows, columns: FormLayout.minimumColumns, noteLines: 3)
        #expect(small.headerRows == 2, "no room for the note")
        #expect(small.helpRows == 2)
        #expect(small.bodyHeight >= 1)
    }

    /// A long description grows the help area so it shows whole, as far as the fields keep their rows.
    @Test func theHelpAreaGrowsToHoldTheFocusedText() {
        let grown = FormLayout(rows: 30, columns: 100, noteLines: 0, helpLines: 9)
        #expect(grown.helpRows == 10)
        #expect(grown.bodyHeight >= FormLayout.minimumBodyRows)
        let capped = FormLayout(rows: 30, columns: 100, noteLines: 0, helpLines: 60)
        #expect(capped.bodyHeight == FormLayout.minimumBodyRows)
        #expect(capped.helpTop > capped.bodyTop)
    }

    @Test func theBodyHasTheSelectorEachFieldWithItsMessageAndSave() throws {
        var form = try Self.acmeForm(method: "api_key")
        form.set("workspace", "Not A Workspace")
        form.leave("workspace")
        let lines = FormLayout.lines(of: form, lastFailure: nil)
        #expect(lines.first == .authMethod)
        #expect(lines.last == .save)
        let workspace = try #require(lines.firstIndex(of: .field("workspace")))
        guard case let .problem(name, text) = lines[workspace + 1] else { Issue.record("no message under workspace"); return }
        #expect(name == "workspace" && text.hasPrefix("workspace must match"))
        #expect(!lines.contains(.field("username")), "another method's fields are not drawn")
    }

    @Test func beforeAMethodIsChosenTheFormSaysHowToChoose() throws {
        let lines = FormLayout.lines(of: try Self.acmeForm(), lastFailure: nil)
        #expect(lines.prefix(2) == [.authMethod, .hint("choose how to authenticate: ← → or Space")])
    }

    @Test func scrollingKeepsTheFocusedFieldAndItsMessageInView() {
        let layout = FormLayout(rows: 12, columns: 40, noteLines: 0)
        let lines: [FormLayout.Line] = (0..<20).map { .field("f\($0)") } + [.problem("f19", text: "wrong"), .save]
        let top = layout.scrollTop(current: 0, lines: lines, focused: 19)
        #expect(top + layout.bodyHeight > 20, "the message under the focused field shows too")
        #expect(layout.scrollTop(current: top, lines: lines, focused: 0) == 0)
    }

    @Test func labelsLineUpUpToAThirdOfTheWidth() throws {
        let form = try Self.acmeForm(method: "api_key")
        #expect(FormLayout(rows: 30, columns: 100, noteLines: 0).labelWidth(form) == "auth method".count)
    }
}
