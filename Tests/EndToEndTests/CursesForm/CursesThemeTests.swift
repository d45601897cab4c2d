import Testing

/// Colour is a bonus: with `NO_COLOR` or on a monochrome terminal the focus still shows in reverse
/// video and a problem by its mark and in bold; on a colour terminal, colours show.
@Suite(.serialized)
struct CursesThemeTests {
    /// A workspace that breaks its pattern, left for the next field: the screen then has a focused
    /// field and a problem on another one.
    static func focusAndProblem(_ environment: [String: String]) async throws -> (TmuxSession, StyledScreen) {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"], environment: environment)
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("Tab")
        try tmux.type("Not A Workspace")
        try tmux.press("Tab")
        try await tmux.waitFor("✗ workspace must match")
        return (tmux, StyledScreen(try tmux.styledScreen()))
    }

    /// The focused row's label: the word after the focus mark.
    static func focusedLabel(_ screen: StyledScreen) throws -> ArraySlice<StyledScreen.Cell> {
        let row = try #require(screen.row(containing: "▸"), "a focus mark")
        let afterMark = row.drop { $0.character != "▸" }.dropFirst().drop { $0.character == " " }
        let label = afterMark.prefix { $0.character != " " }
        try #require(!label.isEmpty, "a label after the focus mark: \(StyledScreen.text(row))")
        return label
    }

    static func leave(_ tmux: TmuxSession) async throws {
        try tmux.press("Escape")
        try await tmux.waitFor("Quit without saving?")
        try tmux.type("y")
        #expect(try await tmux.waitForExit() == 130)
    }

    @Test(arguments: [["NO_COLOR": "1"], ["TERM": "xterm-mono"]])
    func withoutColourTheFocusIsInReverseVideoAndAProblemIsMarkedInBold(environment: [String: String]) async throws {
        let (tmux, screen) = try await Self.focusAndProblem(environment)
        #expect(screen.colourParameters.isEmpty, "no colour at all: \(screen.colourParameters)")

        let label = try Self.focusedLabel(screen)
        #expect(label.allSatisfy { $0.attributes.contains(.reverse) }, "the focused label is in reverse video")
        let focusedRow = StyledScreen.text(try #require(screen.row(containing: "▸")))
        #expect(screen.reverseVideoRows == [focusedRow], "and nothing else is")

        let problem = try #require(screen.row(containing: "workspace must match"))
        let message = try #require(StyledScreen.cells(of: "✗ workspace must match", in: problem))
        #expect(message.allSatisfy { $0.attributes.contains(.bold) || $0.attributes.contains(.underline) },
                "the problem stands out without colour")
        let marked = screen.rows.filter { StyledScreen.text($0).contains("✗") }.map(StyledScreen.text)
        #expect(marked.contains { $0.contains("workspace") && !$0.contains("must match") }, "the field's label carries the mark too: \(marked)")
        try await Self.leave(tmux)
    }

    @Test func aColourTerminalShowsColours() async throws {
        let (tmux, screen) = try await Self.focusAndProblem([:])
        #expect(!screen.colourParameters.isEmpty)
        #expect(try Self.focusedLabel(screen).allSatisfy(\.coloured), "the focused label is coloured")
        let problem = try #require(screen.row(containing: "workspace must match"))
        #expect(try #require(StyledScreen.cells(of: "workspace must match", in: problem)).allSatisfy(\.coloured))
        try await Self.leave(tmux)
    }
}
