/// The lines of `connectors`: each connector that can be set up, one row per auth method, how it is
/// checked, and where its spec comes from, within `width` columns. Specs of an upstream checkout say
/// `checkout` and the folder is named once below the table; a spec that does not load is listed with
/// why, on a line of its own, not skipped.
public enum ConnectorListing {
    public static let width = 100
    static let headings = ["CONNECTOR", "AUTH METHOD", "CHECK", "SPEC"]
    static let gap = "  "

    public static func lines(_ specs: [ResolvedSpec], width: Int = ConnectorListing.width) -> [String] {
        var rows: [[String]] = []
        var notes: [String] = []
        var checkout: SpecFolder?
        for resolved in specs {
            let name = TerminalText.sanitized(resolved.connector)
            let source: String
            if case let .folder(folder) = resolved.source, folder.kind == .checkout {
                source = "checkout"
                checkout = folder
            } else {
                source = TerminalText.sanitized(resolved.shownSource)
            }
            do {
                let spec = try resolved.load()
                for (index, row) in CheckSummary.rows(spec).enumerated() {
                    rows.append([index == 0 ? name : "", TerminalText.sanitized(row.method), TerminalText.sanitized(row.check),
                                 index == 0 ? source : ""])
                }
            } catch {
                rows.append([name, "-", "(the spec does not load)", source])
                let why = (error as? SpecError).map { "line \($0.location.line): \($0.problem)" } ?? "\(error)"
                notes += WordWrap.lines(TerminalText.sanitized("\(resolved.connector): \(why)"), width: width - 2).map { "  " + $0 }
            }
        }
        let table = [headings] + rows
        var widths = (0..<headings.count).map { column in table.map { $0[column].count }.max() ?? 0 }
        // The check is what gives way: the other columns are names a person types.
        let others = widths[0] + widths[1] + widths[3] + gap.count * 3
        widths[2] = max(headings[2].count, min(widths[2], width - others))
        var lines = table.map { row in
            row.enumerated().map { index, cell -> String in
                let fitted = cell.count > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
                return index < row.count - 1 ? fitted.padded(toLength: widths[index]) : fitted
            }.joined(separator: gap).trailingSpacesTrimmed
        }
        if let checkout { lines.append("checkout: \(TerminalText.sanitized(checkout.shown))/<name>/") }
        if !notes.isEmpty { lines += ["specs that do not load:"] + notes }
        return lines
    }
}

private extension String {
    var trailingSpacesTrimmed: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
