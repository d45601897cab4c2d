import Foundation
@testable import LakeflowAuthTerminal
import Testing

/// Editing one field, grapheme by grapheme, and what fits on its row.
struct FieldEditorTests {
    init() {
        // wcwidth measures wide characters only in a UTF-8 locale, as the form runs in.
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    @Test func typingGoesInAtTheCursor() {
        var editor = FieldEditor(text: "acme")
        editor.moveToStart()
        editor.insert("my-")
        #expect(editor.text == "my-acme")
        #expect(editor.cursor == 3)
        editor.moveToEnd()
        editor.insert("-prod")
        #expect(editor.text == "my-acme-prod")
    }

    @Test func deletingTakesWholeGraphemes() {
        var editor = FieldEditor(text: "José漢👍🏽")
        editor.deleteBackward()
        #expect(editor.text == "José漢")
        editor.moveLeft()
        editor.deleteForward()
        #expect(editor.text == "José")
        editor.moveToStart()
        editor.deleteForward()
        #expect(editor.text == "osé")
    }

    @Test func aCombiningAccentJoinsTheLetterBeforeIt() {
        var editor = FieldEditor(text: "Jose")
        editor.insert("\u{301}")
        #expect(editor.text == "Jos\u{E9}")
        #expect(editor.text.count == 4)
    }

    @Test func ctrlWDeletesTheWordBeforeTheCursorAndCtrlUToTheStart() {
        var editor = FieldEditor(text: "one two  three")
        editor.deleteWord()
        #expect(editor.text == "one two  ")
        editor.deleteWord()
        #expect(editor.text == "one ")
        editor.insert("four")
        editor.moveLeft()
        editor.deleteToStart()
        #expect(editor.text == "r")
        #expect(editor.cursor == 0)
    }

    @Test func theViewScrollsToKeepTheCursorAndCountsCells() {
        let editor = FieldEditor(text: "abcdefghij")
        let view = editor.view(cells: 5) { String($0) }
        #expect(view.text == "ghij")
        #expect(view.cursorColumn == 4)
        var wide = FieldEditor(text: "漢字x")
        wide.moveToStart()
        wide.moveRight()
        let shown = wide.view(cells: 10) { String($0) }
        #expect(shown.text == "漢字x")
        #expect(shown.cursorColumn == 2, "after one wide character")
    }
}
