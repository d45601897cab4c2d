import Foundation

/// The lines of `list`: a header, then one line per stored file, with its profile, auth method, when
/// it was saved and how its last check went. Nothing from `options` appears here, secret or not.
public enum CredentialListing {
    static let header = ["CONNECTOR", "PROFILE", "AUTH METHOD", "SAVED", "LAST CHECK"]

    public static func lines(_ summaries: [StoredCredentialSummary]) -> [String] {
        let rows: [[String]] = summaries.map { summary in
            let connector = TerminalText.sanitized(summary.connector)
            let profile = TerminalText.sanitized(summary.profile)
            switch summary.contents {
            case let .readable(facts):
                return [connector, profile, TerminalText.sanitized(facts.authMethod ?? "-"),
                        CredentialEnvelope.timestamp(facts.savedAt), probeSummary(facts.probe)]
            case let .unreadable(error):
                return [connector, profile, "cannot be opened: " + error.message]
            }
        }
        let table = [header] + rows
        // An unreadable file's reason runs on from its name and profile; it does not set the other
        // columns' widths.
        let widths = (0..<header.count - 1).map { column in
            table.filter { $0.count == header.count || column < 2 }.map { $0[column].count }.max() ?? 0
        }
        return table.map { row in
            row.enumerated().map { index, cell in
                index < row.count - 1 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }
    }

    /// `verified (HTTP 200, as alice) 2025-…`, `rejected (HTTP 401) 2025-…`, or `unverified`.
    public static func probeSummary(_ probe: ProbeRecord?) -> String {
        guard let probe else { return "unverified" }
        let details = [probe.status.map { "HTTP \($0)" }, probe.identity.map { "as " + TerminalText.sanitized($0) }]
            .compactMap { $0 }
        let outcome = probe.ok ? "verified" : "probe failed"
        return outcome + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
            + " " + CredentialEnvelope.timestamp(probe.at)
    }
}
