import FoundationEssentials

/// One thing that happened in a setup or a check, as `--json` writes it: a JSON object on a line of
/// its own, its `event` member first, for an agent or a script that reads standard output.
///
/// No event carries a secret: they hold what the human messages say (already scrubbed of the secrets
/// in play), the store's path, the identity the source named, and links whose only keys are a form's
/// one-time token or an OAuth flow's state and PKCE challenge.
public enum SetupEvent: Sendable {
    /// What a link is for: the browser form's address, or the OAuth provider's consent page.
    public enum LinkPurpose: String, Sendable {
        case form
        case authorization
    }

    /// A link to give the person; the browser form's is the first line a run writes.
    case url(URL, purpose: LinkPurpose)
    /// The credentials are being checked against the source.
    case checking(connector: String, source: String)
    /// The check's verdict: its result when the source answered, the failure's message otherwise.
    case checked(connector: String, CheckFinding)
    /// The credentials are stored; the last event of a run that succeeds.
    case saved(connector: String, SavedSetup)
    /// The person left without saving; the last event of that run.
    case cancelled(SetupCancelled)
    /// What stopped the run, with the hints and the exit status of the human message; the last event.
    case error(message: String, hints: [String], exitStatus: ExitStatus)

    /// The event's name, the `event` member.
    public var name: String {
        switch self {
        case .url: return "url"
        case .checking: return "checking"
        case .checked: return "checked"
        case .saved: return "saved"
        case .cancelled: return "cancelled"
        case .error: return "error"
        }
    }

    /// Whether the event ends a run: nothing follows it.
    public var isLast: Bool {
        switch self {
        case .saved, .cancelled, .error: return true
        case .url, .checking, .checked: return false
        }
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("event", .string(name))]
        switch self {
        case let .url(url, purpose):
            members += [("purpose", .string(purpose.rawValue)), ("url", .string(url.absoluteString))]
        case let .checking(connector, source):
            members += [("connector", .string(connector)), ("source", .string(source))]
        case let .checked(connector, verdict):
            members.append(("connector", .string(connector)))
            members += verdict.members
        case let .saved(connector, saved):
            members += [
                ("connector", .string(connector)), ("path", .string(saved.path)), ("verified", .bool(saved.isVerified)),
                ("identity", saved.isVerified ? saved.probe?.identity.map(JSONValue.string) ?? .null : .null),
                ("message", .string(saved.summary)),
            ]
        case let .cancelled(reason):
            members += [("message", .string(reason.message)), ("exit_status", .integer(Int(reason.exitStatus.rawValue)))]
        case let .error(message, hints, exitStatus):
            members += [
                ("message", .string(message)), ("hints", .array(hints.map(JSONValue.string))),
                ("exit_status", .integer(Int(exitStatus.rawValue))),
            ]
        }
        return .object(members)
    }

    /// The event as one line of JSON, without its line break.
    public var line: String { json.serialized() }
}
