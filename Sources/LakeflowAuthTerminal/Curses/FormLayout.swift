import LakeflowAuthCore

/// Where things go on a screen of a given size: the header, the scrolling body of fields, the help
/// area with the focused field's description, the status line and the footer.
struct FormLayout {
    /// One row of the body.
    enum Line: Equatable {
        case authMethod
        case field(String)
        /// A message under a field: the core's validation text, or the failed check's.
        case problem(String, text: String)
        /// A hint under the selector while no method is chosen.
        case hint(String)
        case blank
        case save
    }

    static let minimumRows = 12
    static let minimumColumns = 40

    let rows: Int
    let columns: Int
    let headerRows: Int
    let helpRows: Int

    /// The fewest rows of fields a grown help area leaves.
    static let minimumBodyRows = 4

    /// - Parameter helpLines: the rows the focused item's help text takes, wrapped: the help area grows
    ///   to show it whole (an auth method's description runs to several lines) as far as the fields
    ///   keep `minimumBodyRows`.
    init(rows: Int, columns: Int, noteLines: Int, helpLines: Int = 0) {
        self.rows = rows
        self.columns = columns
        // The note (the demo's hint) and a roomier help area only where there is room for the fields too.
        let roomy = rows >= 24
        headerRows = 2 + (roomy && noteLines > 0 ? noteLines + 1 : 0)
        let least = roomy ? 4 : 2
        let most = max(least, rows - headerRows - 3 - Self.minimumBodyRows)
        helpRows = min(max(least, helpLines + 1), most)
    }

    /// The width help text is wrapped to.
    static func helpWidth(columns: Int) -> Int { max(10, columns - 4) }

    var bodyTop: Int { headerRows }
    /// The separator above the help area.
    var helpTop: Int { rows - 2 - helpRows - 1 }
    var bodyHeight: Int { max(1, helpTop - bodyTop) }
    var statusRow: Int { rows - 2 }
    var footerRow: Int { rows - 1 }

    /// The note's lines, wrapped to the screen.
    static func wrap(note: [String], columns: Int) -> [String] {
        note.flatMap { WordWrap.lines($0, width: max(10, columns - 4)) }
    }

    /// Labels line up; a long option name gives way to its value beyond a third of the width.
    func labelWidth(_ form: Form) -> Int {
        let longest = ([ "auth method" ] + form.fields.map { TerminalText.sanitized($0.name) }).map(CellWidth.of).max() ?? 0
        return min(longest, max(12, columns / 3))
    }

    /// The body's lines: the selector, each field with its message, then Save.
    static func lines(of form: Form, lastFailure: CheckFailure?) -> [Line] {
        var lines: [Line] = form.spec.authMethods.count > 1 ? [.authMethod] : []
        if form.needsAuthMethod { lines.append(.hint("choose how to authenticate: ← → or Space")) }
        if !lines.isEmpty { lines.append(.blank) }
        var failureShown = false
        for state in form.fieldStates {
            lines.append(.field(state.option.name))
            if let error = state.error {
                lines.append(.problem(state.option.name, text: error.message(label: TerminalText.sanitized(state.option.name))))
            } else if state.concernedByCheck, let lastFailure, !failureShown {
                lines.append(.problem(state.option.name, text: lastFailure.message))
                failureShown = true
            }
        }
        return lines + [.blank, .save]
    }

    /// The first row to show so that `focused` (with the message under it) stays in view.
    func scrollTop(current: Int, lines: [Line], focused: Int) -> Int {
        let height = bodyHeight
        var top = min(current, max(0, lines.count - height))
        let last = focused + 1 < lines.count && { if case .problem = lines[focused + 1] { return true } else { return false } }() ? focused + 1 : focused
        if focused < top { top = focused }
        if last >= top + height { top = last - height + 1 }
        return max(0, top)
    }
}
