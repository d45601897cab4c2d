import LakeflowAuthCore

/// A first word that names no command (nor a connector that can be set up), or a help topic that
/// names none, with the command it most likely meant.
enum UnknownCommand: UserFacingError {
    /// `lakeflow-auth lst`: `line` is the whole command line, `nearest` the command for its first word.
    case mistyped(line: [String], nearest: String, connectors: [String])
    /// `lakeflow-auth help nosuch`.
    case helpTopic(String, nearest: String?)

    var message: String {
        switch self {
        case let .mistyped(line, _, _):
            return "\"\(TerminalText.excerpt(line[0]))\" is neither a command nor a connector"
        case let .helpTopic(topic, _):
            return "no command named \"\(TerminalText.excerpt(topic))\" to help with"
        }
    }

    var hints: [String] {
        switch self {
        case let .mistyped(line, nearest, connectors):
            let corrected = ([nearest] + line.dropFirst()).map { TerminalText.excerpt($0) }.joined(separator: " ")
            let alternatives = connectors.isEmpty ? [] : ["or the connector " + connectors.map { "\"\($0)\"" }.joined(separator: " or ") + "?"]
            return ["did you mean `lakeflow-auth \(corrected)`?"] + alternatives
                + ["`lakeflow-auth --help` lists the commands; `lakeflow-auth connectors` what can be set up"]
        case let .helpTopic(_, nearest):
            return (nearest.map { ["did you mean `lakeflow-auth help \($0)`?"] } ?? []) + ["`lakeflow-auth --help` lists the commands"]
        }
    }

    var exitStatus: ExitStatus { .badInput }
}
