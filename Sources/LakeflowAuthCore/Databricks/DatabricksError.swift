/// What went wrong talking to Databricks, with what to do about it. Never quotes a token or an
/// option value: Databricks' own code and message have passed the scrubber where they arrived
/// (`DatabricksAPI`), and are kept to a short excerpt made safe for a terminal.
public enum DatabricksError: UserFacingError, Equatable {
    case noCredentials(looked: [String])
    case unreadableConfig(path: String, problem: String)
    case badHost(source: String)
    case insecureHost(host: String, source: String)
    /// Databricks answered with its own error body.
    case refused(status: Int, errorCode: String?, message: String?, operation: String)
    /// No answer, or not one from Databricks.
    case unreachable(host: String, problem: String)
    /// `databricks auth token` did not give a token.
    case cliFailed(profile: String, problem: String)
    /// Nothing configured reaches the workspace a connection was made in.
    case noWorkspaceCredentials(address: String, configFile: String)
    /// The profile asked for is another workspace's than the connection's.
    case otherWorkspace(address: String, source: String, found: String)

    public var message: String {
        switch self {
        case .noCredentials:
            return "no Databricks credentials found"
        case let .unreadableConfig(path, problem):
            return "cannot read the Databricks configuration \(TerminalText.sanitized(path)): \(problem)"
        case let .badHost(source):
            return "the Databricks host of \(source) is not a URL"
        case let .insecureHost(host, source):
            return "the Databricks host \(TerminalText.sanitized(host)) of \(source) is not https"
        case let .refused(status, errorCode, message, operation):
            let code = errorCode.map { "\(TerminalText.excerpt($0, limit: Self.codeLimit)): " } ?? ""
            let detail = message.map { code + Self.excerpt($0) } ?? "HTTP \(status)"
            return "Databricks refused to \(operation) (\(detail))"
        case let .unreachable(host, problem):
            return "cannot reach Databricks at \(TerminalText.sanitized(host)): \(problem)"
        case let .cliFailed(profile, problem):
            return "`databricks auth token --profile \(TerminalText.sanitized(profile))` gave no token: \(problem)"
        case let .noWorkspaceCredentials(address, _):
            return "no Databricks credentials found for the workspace \(TerminalText.sanitized(address))"
        case let .otherWorkspace(address, source, found):
            return "\(source) is the workspace \(TerminalText.sanitized(found)), not \(TerminalText.sanitized(address))"
        }
    }

    public var hints: [String] {
        switch self {
        case let .noCredentials(looked):
            return looked + ["set DATABRICKS_HOST and DATABRICKS_TOKEN, or add a profile to ~/.databrickscfg (--databricks-profile NAME)"]
        case .insecureHost:
            return ["Databricks is reached over https only (http only for this machine)"]
        case let .refused(status, errorCode, _, _):
            switch errorCode {
            case "RESOURCE_ALREADY_EXISTS": return ["to change its options, run `lakeflow-auth connection update` instead"]
            case "PERMISSION_DENIED":
                return ["creating a connection needs the CREATE CONNECTION privilege on the metastore"]
            case "RESOURCE_DOES_NOT_EXIST": return ["to make it, run `lakeflow-auth connection create` instead"]
            default:
                return status == 401 ? ["the Databricks token was not accepted: check it, or sign in again"] : []
            }
        case .cliFailed:
            return ["run `databricks auth login` for that profile, or use a token"]
        case let .noWorkspaceCredentials(address, configFile):
            return ["set DATABRICKS_HOST=\(TerminalText.sanitized(address)) and DATABRICKS_TOKEN, or add a profile with "
                + "host = \(TerminalText.sanitized(address)) to \(TerminalText.sanitized(configFile))"]
        case .otherWorkspace:
            return ["name the profile of that workspace with --databricks-profile, or none to have it looked up"]
        default:
            return []
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .noCredentials, .unreadableConfig, .badHost, .insecureHost, .noWorkspaceCredentials, .otherWorkspace: return .badInput
        case let .refused(status, errorCode, _, _):
            if status == 401 || status == 403 || errorCode == "PERMISSION_DENIED" || errorCode == "UNAUTHENTICATED" {
                return .rejected
            }
            if status >= 500 { return .unreachable }
            return .badInput
        case .unreachable, .cliFailed: return .unreachable
        }
    }

    /// Databricks' error codes are short words (`RESOURCE_ALREADY_EXISTS`).
    static let codeLimit = 60

    /// Databricks' messages can be long or echo input; a short, terminal-safe excerpt is enough.
    static func excerpt(_ text: String) -> String {
        let clean = TerminalText.sanitized(text)
        return clean.count <= 200 ? clean : String(clean.prefix(200)) + "…"
    }
}
