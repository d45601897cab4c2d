import ArgumentParser
import LakeflowAuthCore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print a connector's options for its tests, on stdout only.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, env
    }

    @Argument(help: "The connector whose options to print.")
    var connector: String

    @Option(help: "json: the options object; env: NAME='value' lines named by each option's env var.")
    var format: Format = .json

    @OptionGroup var profile: ProfileOption

    func run() throws {
        let envelope = try StoreAccess.store().open(connector, profile: try profile.resolved())
        switch format {
        case .json: StoreAccess.write(CredentialExport.json(envelope))
        case .env: StoreAccess.write(CredentialExport.envLines(envelope))
        }
    }
}
