import Foundation

/// The lines of `list`: one per stored file, with its auth method, when it was saved and whether it
/// was verified. Nothing from `options` appears here, secret or not.
public enum CredentialListing {
    public static func lines(_ summaries: [StoredCredentialSummary]) -> [String] {
        let rows: [[String]] = summaries.map { summary in
            let connector = TerminalText.sanitized(summary.connector)
            switch summary.contents {
            case let .readable(envelope):
                return [connector, TerminalText.sanitized(envelope.authMethod ?? "-"),
                        "saved " + CredentialEnvelope.timestamp(envelope.savedAt), probeSummary(envelope.probe)]
            case let .unreadable(error):
                return [connector, "cannot be opened: " + error.message]
            }
        }
        let widths = (0..<2).map { column in rows.filter { $0.count > 2 }.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            guard row.count > 2 else { return row.joined(separator: "  ") }
            return row.enumerated().map { index, cell in
                index < widths.count ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }
    }

    /// `verified (HTTP 200, as alice) 2025-…`, `rejected (HTTP 401) 2025-…`, or `unverified`.
    public static func probeSummary(_ probe: ProbeRecord?) -> String {
        guard let probe else { return "unverified" }
        let details = [probe.status.map { "HTTP \($0)" }, probe.identity.map { "as " + TerminalText.sanitized($0) }]
            .compactMap { $0 }
        let outcome = probe.ok ? "verified" : "check failed"
        return outcome + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
            + " " + CredentialEnvelope.timestamp(probe.at)
    }
}
