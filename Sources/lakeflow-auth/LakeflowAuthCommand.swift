import ArgumentParser
import Foundation
import LakeflowAuthCore

@main
struct LakeflowAuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lakeflow-auth",
        abstract: "Set up, check and store credentials for Lakeflow community connectors.",
        usage: "lakeflow-auth <connector> [--plain | --from-env [--env-file FILE]] [--spec FILE] [--auth-method NAME]\n"
            + "                          [--no-probe] [--probe-timeout SECONDS]\n"
            + "lakeflow-auth <connector> --browser [--no-open] [--port N] [--timeout DURATION]\n"
            + "lakeflow-auth <subcommand>",
        subcommands: [
            WizardCommand.self, DemoCommand.self, SpecCommand.self, ListCommand.self, ShowCommand.self,
            ProbeCommand.self, ExportCommand.self, ExecCommand.self, RemoveCommand.self, IdentityCommand.self,
        ],
        defaultSubcommand: WizardCommand.self
    )

    static func main() async {
        // Bare `lakeflow-auth` is a request for directions, not a missing connector.
        guard CommandLine.arguments.count > 1 else {
            print(helpMessage())
            Foundation.exit(ExitStatus.badInput.rawValue)
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Diagnostics.exit(with: error)
        }
    }
}
