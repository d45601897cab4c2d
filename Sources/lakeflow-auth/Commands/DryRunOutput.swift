import FoundationEssentials
import LakeflowAuthCore

/// `--dry-run [--reveal] [--json]`: the requests the check would send, printed instead of sent; nothing
/// is unlocked or stored. The plan goes to stdout (one JSON object with `--json`), the note to stderr.
struct DryRunOutput {
    let reveal: Bool
    let json: Bool

    func show(_ credentials: Credentials, spec: ConnectorSpec, environment: [String: String]) throws {
        let refreshToken = environment[EnvVarName.forOption(OAuthOption.refreshToken, connector: spec.connector)]
        let plan = try CheckPlan.make(credentials, spec: spec, reveal: reveal, refreshToken: refreshToken)
        let text = json ? plan.json.serialized() : plan.lines(title: spec.title).joined(separator: "\n")
        StandardStreams.writeOutput(text + "\n")
        Diagnostics.note("dry run: nothing was sent or saved" + (reveal || json ? "" : "; --reveal shows the secrets"))
    }
}
