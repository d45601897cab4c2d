/// What a connector name may be: it names a spec folder and a stored file, so it must never be able
/// to climb out of either (no `/`, no `.` or `..`, nothing hidden).
public enum ConnectorName {
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
        }
    }

    /// The words `lakeflow-auth <word>` reads as a subcommand rather than a connector.
    public static let subcommands: Set<String> = [
        "wizard", "demo", "connectors", "spec", "status", "probe", "rotate", "list", "show", "export", "exec", "rm",
        "identity", "rekey", "connection", "version", "help",
    ]

    /// How to set a connector up: `lakeflow-auth acme`, or through the wizard subcommand for a
    /// connector named like another subcommand (`lakeflow-auth wizard list`).
    public static func setupCommand(_ connector: String) -> String {
        let name = TerminalText.excerpt(connector)
        return subcommands.contains(connector) ? "lakeflow-auth wizard \(name)" : "lakeflow-auth \(name)"
    }
}
