import ArgumentParser
import Foundation
import LakeflowAuthCore

struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command with a connector's options in its environment (CONNECTOR_TEST_CONFIG_JSON and each option's env var).",
        usage: "lakeflow-auth exec <connector> [--profile <name>] -- <command> [<argument> ...]")

    @Argument(help: "The connector whose options to pass.")
    var connector: String

    @OptionGroup var profile: ProfileOption

    @Argument(parsing: .postTerminator, help: "The command to run, after `--`.")
    var command: [String] = []

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("no command given after `--`") }
    }

    func run() throws {
        let envelope = try StoreAccess.store().open(connector, profile: try profile.resolved())
        let export = try CredentialExport(envelope, spec: StoreAccess.spec(connector))
        (CredentialListing.notes(envelope) + export.notes).forEach { Diagnostics.note("note: " + $0) }
        try ProcessReplacement.exec(command, adding: export.environment, removing: CredentialExport.withheldVariables)
    }
}
