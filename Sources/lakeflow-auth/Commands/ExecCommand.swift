import ArgumentParser
import FoundationEssentials
import LakeflowAuthCore

struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command with a connector's options in its environment (CONNECTOR_TEST_CONFIG_JSON and each option's env var).",
        usage: "lakeflow-auth exec <connector> [--profile <name>] [--spec FILE] -- <command> [<argument> ...]",
        discussion: """
            A connector whose spec has an OAuth flow that Unity Catalog runs (flow: u2m or m2m: gmail, youtube's \
            oauth, odata's oauth, azure_devops' and collibra's service_principal) also gets the access_token Unity \
            Catalog would inject: the stored one while it has more than a minute left, else a new one, minted and stored.
            """)

    @Argument(help: "The connector whose options to pass.")
    var connector: String

    @OptionGroup var profile: ProfileOption

    @OptionGroup var accessToken: InjectedAccessToken

    @Argument(parsing: .postTerminator, help: "The command to run, after `--`.")
    var command: [String] = []

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("no command given after `--`") }
    }

    func run() async throws {
        let store = StoreAccess.store()
        let envelope = try store.open(connector, profile: try profile.resolved())
        let spec = try accessToken.connectorSpec(connector)
        let token = try await accessToken.obtain(for: envelope, spec: spec, store: store)
        let export = try CredentialExport(envelope, spec: spec, accessToken: token)
        (CredentialListing.notes(envelope) + export.notes).forEach { Diagnostics.note("note: " + $0) }
        try ProcessReplacement.exec(command, adding: export.environment, removing: CredentialExport.withheldVariables)
    }
}
