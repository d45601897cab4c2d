/// The lines of `connectors`: each connector that can be set up, its display name, its auth methods,
/// and where its spec comes from. A spec that does not load is listed with why, not skipped.
public enum ConnectorListing {
    public static func lines(_ specs: [ResolvedSpec]) -> [String] {
        let rows: [[String]] = specs.map { resolved in
            let name = TerminalText.sanitized(resolved.connector)
            let source = TerminalText.sanitized(resolved.shownSource)
            do {
                let spec = try resolved.load()
                let methods = spec.authMethods.isEmpty ? "-" : spec.authMethods.map(\.name).joined(separator: ", ")
                return [name, TerminalText.sanitized(spec.title), TerminalText.sanitized(methods), source]
            } catch let error as SpecError {
                // The file is named in the row already; the line says where in it.
                return [name, "-", "-", source + "  (does not load: line \(error.location.line): \(TerminalText.sanitized(error.problem)))"]
            } catch {
                return [name, "-", "-", source + "  (does not load: \(TerminalText.sanitized("\(error)")))"]
            }
        }
        let table = [["CONNECTOR", "NAME", "AUTH METHODS", "SPEC"]] + rows
        let widths = (0..<3).map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { index, cell in
                index < widths.count ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }
    }
}
