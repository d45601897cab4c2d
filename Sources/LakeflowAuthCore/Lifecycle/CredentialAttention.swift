import FoundationEssentials

/// Why stored credentials need a person: `status` flags them, and `status --json` names them.
public enum CredentialAttention: Sendable, Equatable {
    /// The source refused them at the last check.
    case rejected(at: Date)
    /// The source announced an expiry that has passed.
    case expired(Date)
    /// The source announced an expiry within `CredentialAttention.expiryWarning`.
    case expiring(Date)
    /// Saved without a check, and not checked since.
    case neverChecked
    /// Written with this machine's public key elsewhere: whatever check it records was not made here.
    case writtenElsewhere
    /// An older copy of a file this machine wrote later was put back.
    case rolledBack(newer: Date)
    /// A Unity Catalog connection made from them differed at its last comparison.
    case connectionDiffers(PushedConnection)
    /// The file cannot be opened.
    case unreadable(StoreError)

    /// How far ahead an announced expiry is flagged.
    public static let expiryWarning: TimeInterval = 7 * 24 * 3600

    /// What needs attention in one stored credential, most urgent first.
    public static func of(_ summary: StoredCredentialSummary, now: Date) -> [CredentialAttention] {
        guard case let .readable(facts) = summary.contents else {
            if case let .unreadable(error) = summary.contents { return [.unreadable(error)] }
            return []
        }
        var found: [CredentialAttention] = []
        if let probe = facts.probe, probe.verdict == .rejected { found.append(.rejected(at: probe.at)) }
        if let expiry = facts.probe?.expiresAt {
            if expiry <= now { found.append(.expired(expiry)) } else if expiry.timeIntervalSince(now) <= expiryWarning { found.append(.expiring(expiry)) }
        }
        if facts.provenance == .elsewhere {
            found.append(.writtenElsewhere)
        } else if facts.probe == nil {
            found.append(.neverChecked)
        }
        if let newer = facts.newerWrittenHere { found.append(.rolledBack(newer: newer)) }
        found += facts.connections.filter { $0.comparison?.inSync == false }.map(CredentialAttention.connectionDiffers)
        return found
    }

    /// For scripts: `rejected`, `expired`, `expiring`, `never_checked`, `written_elsewhere`, `rolled_back`,
    /// `connection_differs`, `unreadable`.
    public var code: String {
        switch self {
        case .rejected: return "rejected"
        case .expired: return "expired"
        case .expiring: return "expiring"
        case .neverChecked: return "never_checked"
        case .writtenElsewhere: return "written_elsewhere"
        case .rolledBack: return "rolled_back"
        case .connectionDiffers: return "connection_differs"
        case .unreadable: return "unreadable"
        }
    }

    /// For people, with what to do.
    public func sentence(for name: StoredCredentialName, now: Date) -> String {
        let rotate = "`lakeflow-auth rotate \(TerminalText.sanitized(name.connector))\(ProfileName.flag(name.profile))`"
        switch self {
        case let .rejected(at):
            return "rejected by the source at the last check (\(UTCTimestamp.string(at))): run \(rotate)"
        case let .expired(date):
            return "expired \(UTCTimestamp.string(date)), as the source announced: run \(rotate)"
        case let .expiring(date):
            let days = Int((date.timeIntervalSince(now) / 86_400).rounded(.up))
            return "expires in \(days) day\(days == 1 ? "" : "s") (\(UTCTimestamp.string(date))), as the source announced: run \(rotate)"
        case .neverChecked:
            return "never checked: run `lakeflow-auth probe \(TerminalText.sanitized(name.connector))\(ProfileName.flag(name.profile))`"
        case .writtenElsewhere:
            return "written with your public key elsewhere, not checked here: run `lakeflow-auth probe "
                + "\(TerminalText.sanitized(name.connector))\(ProfileName.flag(name.profile))`"
        case let .rolledBack(newer):
            return "an older copy was put back (this machine wrote the file last at \(UTCTimestamp.string(newer))): "
                + "run `lakeflow-auth rotate \(TerminalText.sanitized(name.connector))\(ProfileName.flag(name.profile))` if you did not restore it"
        case let .connectionDiffers(connection):
            return "the connection \(TerminalText.sanitized(connection.name)) in \(TerminalText.sanitized(connection.hostName)) differs in "
                + (connection.comparison?.differs ?? []).map(TerminalText.sanitized).joined(separator: ", ")
                + ": run `lakeflow-auth connection update \(TerminalText.sanitized(name.connector)) "
                + "\(TerminalText.sanitized(connection.name))\(ProfileName.flag(name.profile))`"
        case let .unreadable(error):
            return "cannot be opened: " + ([error.message] + error.hints.prefix(1)).joined(separator: "; ")
        }
    }
}
