import FoundationEssentials

/// What `status` prints: per stored credential, its profile, auth method, when saved, the last check
/// (when, the verdict, as whom), expiries, and the Unity Catalog connections made from it; as JSON for
/// scripts, or as a table within `width` columns that flags what needs attention and says why below.
public enum CredentialStatusReport {
    public static let width = 100

    /// A list of objects: `CredentialFacts.json` plus `attention`, the codes of what needs a person;
    /// a file that cannot be opened has its connector, profile, `error` and `attention`.
    public static func json(_ summaries: [StoredCredentialSummary], now: Date = Date()) -> String {
        let objects: [JSONValue] = summaries.map { summary in
            let attention = JSONValue.array(CredentialAttention.of(summary, now: now).map { .string($0.code) })
            switch summary.contents {
            case let .readable(facts):
                guard case let .object(members) = facts.json else { return facts.json }
                return .object(members + [("attention", attention)])
            case let .unreadable(error):
                return .object([("connector", .string(summary.connector)), ("profile", .string(summary.profile)),
                                ("error", .string(error.message)), ("attention", attention)])
            }
        }
        return JSONValue.array(objects).serialized(pretty: true) + "\n"
    }

    /// The table, then one line per thing that needs attention.
    public static func text(_ summaries: [StoredCredentialSummary], now: Date = Date()) -> String {
        let header = ["", "CONNECTOR", "PROFILE", "METHOD", "SAVED", "LAST CHECK", "AS", "EXPIRES", "CONNECTIONS"]
        var notes: [String] = []
        let rows: [[String]] = summaries.map { summary in
            let attention = CredentialAttention.of(summary, now: now)
            let label = TerminalText.sanitized(summary.connector) + " (" + TerminalText.sanitized(summary.profile) + ")"
            for reason in attention {
                let lines = WordWrap.lines("! \(label): " + reason.sentence(for: summary.name, now: now), width: width - 2)
                notes += lines.prefix(1) + lines.dropFirst().map { "  " + $0 }
            }
            let flag = attention.isEmpty ? "" : "!"
            let name = [flag, TerminalText.sanitized(summary.connector), TerminalText.sanitized(summary.profile)]
            guard case let .readable(facts) = summary.contents else {
                return name + ["-", "-", "cannot be opened", "-", "-", "-"]
            }
            let check = facts.provenance == .elsewhere ? "not here" : facts.probe.map { $0.verdict.rawValue + " " + day($0.at) } ?? "never"
            let connections = facts.connections.map { connection in
                TerminalText.sanitized(connection.name) + (connection.comparison?.inSync == false ? " (drift)" : "")
            }
            return name + [TerminalText.sanitized(facts.authMethod ?? "-"), day(facts.savedAt), check,
                           facts.probe?.identity.map(TerminalText.sanitized) ?? "-", expiry(facts),
                           connections.isEmpty ? "-" : connections.joined(separator: ", ")]
        }
        // The flag column only when something is flagged, so a healthy store's table starts at the margin.
        let shown = notes.isEmpty ? ([header] + rows).map { Array($0.dropFirst()) } : [header] + rows
        return table(shown, shrinkable: notes.isEmpty ? [0, 1, 2, 5, 7] : [1, 2, 3, 6, 8]).map { $0 + "\n" }.joined()
            + notes.map { $0 + "\n" }.joined()
    }

    /// The expiry that matters: the one the source announced; else, for OAuth, `refreshable` when a
    /// refresh token is held (the access token's expiry then does not), or the access token's.
    private static func expiry(_ facts: CredentialFacts) -> String {
        if let announced = facts.probe?.expiresAt { return day(announced) }
        guard let oauth = facts.oauth else { return "-" }
        if oauth.holdsRefreshToken { return "refreshable" }
        return oauth.accessTokenExpiresAt.map { "token " + day($0) } ?? "-"
    }

    private static func day(_ date: Date) -> String { String(UTCTimestamp.string(date).prefix(10)) }

    /// Columns two spaces apart, the widest of the `shrinkable` ones (the names, the identity, the
    /// connections) cut with `…` until the table fits `width`. The lines below it are wrapped at
    /// spaces, so only a word longer than a line (a command naming a very long connector) passes it.
    static func table(_ rows: [[String]], shrinkable: Set<Int>) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = (0..<columns).map { column in rows.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        // A heading is never cut, nor a cell below six characters.
        let minimum = (0..<columns).map { column in max(6, rows.first.map { $0.count > column ? $0[column].count : 0 } ?? 0) }
        func total() -> Int { widths.reduce(0, +) + 2 * max(0, columns - 1) }
        while total() > width,
              let widest = shrinkable.filter({ widths[$0] > minimum[$0] }).max(by: { (widths[$0], $0) < (widths[$1], $1) }) {
            widths[widest] -= 1
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let fitted = cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "…" : cell
                return column == row.count - 1 ? fitted : fitted.padded(toLength: widths[column])
            }.joined(separator: "  ")
        }
    }
}
