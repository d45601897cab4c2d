import ArgumentParser
import FoundationEssentials
import Glibc
import LakeflowAuthCore

@main
struct LakeflowAuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lakeflow-auth",
        abstract: "Set up, check and store credentials for Lakeflow community connectors.",
        usage: WizardCommand.usage + "\nlakeflow-auth <subcommand>",
        discussion: WizardCommand.examples,
        version: VersionCommand.text,
        subcommands: [
            WizardCommand.self, DemoCommand.self, ConnectorsCommand.self, SpecCommand.self, StatusCommand.self, ListCommand.self,
            ShowCommand.self, ProbeCommand.self, RotateCommand.self, ExportCommand.self, ExecCommand.self, RemoveCommand.self,
            IdentityCommand.self, RekeyCommand.self, ConnectionCommand.self, VersionCommand.self,
        ],
        defaultSubcommand: WizardCommand.self
    )

    static func main() async {
        // Bare `lakeflow-auth` is a request for directions, not a missing connector, and answering it
        // is success: the person asked how to use the tool and got the answer.
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty, arguments != ["--help"], arguments != ["-h"] else {
            print(fullHelp())
            Glibc.exit(ExitStatus.success.rawValue)
        }
        if arguments.count == 1, let flag = arguments.first, VersionCommand.flags.contains(flag) {
            print(VersionCommand.text)
            Glibc.exit(ExitStatus.success.rawValue)
        }
        do {
            try CommandTypo.checkHelpTopic(arguments)
            var command = try CommandRoute.parse(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            HTTPClient.finishPreparing()
        } catch {
            Diagnostics.exit(with: CommandTypo.explain(error, arguments: arguments))
        }
    }

    /// The subcommands, then how to set up a connector: what most people came for is the default
    /// command, whose flags the parser would otherwise show only under `<connector> --help`.
    static func fullHelp() -> String {
        let wizard = WizardCommand.helpMessage()
        let options = wizard.firstRange(of: "OPTIONS:\n").map { String(wizard[$0.upperBound...]) } ?? wizard
        return helpMessage() + "\n\nSETTING UP A CONNECTOR (lakeflow-auth <connector> [options]):\n" + options
    }
}
