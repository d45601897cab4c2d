import FoundationEssentials

/// The lines of `list`: a header, then one line per stored file, with its profile, auth method, when
/// it was saved and how its last check went, which only a file this machine wrote can say. Nothing
/// from `options` appears here, secret or not.
public enum CredentialListing {
    static let header = ["CONNECTOR", "PROFILE", "AUTH METHOD", "SAVED", "LAST CHECK"]

    public static func lines(_ summaries: [StoredCredentialSummary]) -> [String] {
        let rows: [[String]] = summaries.map { summary in
            let connector = TerminalText.sanitized(summary.connector)
            let profile = TerminalText.sanitized(summary.profile)
            switch summary.contents {
            case let .readable(facts):
                return [connector, profile, TerminalText.sanitized(facts.authMethod ?? "-"),
                        CredentialEnvelope.timestamp(facts.savedAt), status(facts)]
            case let .unreadable(error):
                return [connector, profile, "cannot be opened: " + TerminalText.sanitized(error.message)]
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
                index < row.count - 1 ? cell.padded(toLength: widths[index]) : cell
            }.joined(separator: "  ")
        }
    }

    /// What a file written elsewhere says instead of its probe outcome: anyone with this machine's public
    /// key could have written "verified" into it.
    public static let writtenElsewhere = "written with your public key elsewhere: not checked here"

    /// The probe outcome of a file this machine wrote, else `writtenElsewhere`; and how much older it is
    /// than the file this machine wrote last, when it is an older copy put back.
    public static func status(_ facts: CredentialFacts) -> String {
        var status = facts.provenance == .thisMachine ? probeSummary(facts.probe) : writtenElsewhere
        if let newer = facts.newerWrittenHere {
            status += "; rolled back: \(age(newer.timeIntervalSince(facts.writtenAt))) older than the file this machine wrote at "
                + CredentialEnvelope.timestamp(newer)
        }
        return status
    }

    /// What `exec`, `export` and `connection` say before they hand out a file's options: who wrote it, if
    /// not this machine, and that it is an older copy, if it is.
    public static func notes(_ envelope: CredentialEnvelope) -> [String] {
        let file = "credentials/" + StoreLocation.fileName(envelope.connector, profile: envelope.profile)
        var notes: [String] = []
        if envelope.provenance == .elsewhere {
            notes.append("\(file) was written with your public key elsewhere (a teammate, CI, or anyone holding it), not by this machine: "
                         + "its options are used unchecked; `lakeflow-auth probe \(envelope.connector)\(ProfileName.flag(envelope.profile))` checks them here")
        }
        if let newer = envelope.newerWrittenHere {
            notes.append("\(file) is \(age(newer.timeIntervalSince(envelope.writtenAt))) older than the one this machine wrote at "
                         + "\(CredentialEnvelope.timestamp(newer)): an older copy was put back")
        }
        return notes
    }

    /// `3 days`, `5 hours`, `12 minutes`, `40 seconds`: the largest whole unit.
    static func age(_ seconds: TimeInterval) -> String {
        let units: [(String, Double)] = [("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1)]
        let (unit, size) = units.first { seconds >= $0.1 } ?? ("second", 1)
        let count = Int(seconds / size)
        return "\(count) \(unit)\(count == 1 ? "" : "s")"
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
