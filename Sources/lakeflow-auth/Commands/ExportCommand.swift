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
        CredentialListing.notes(envelope).forEach { Diagnostics.note("note: " + $0) }
        switch format {
        case .json: StoreAccess.write(CredentialExport.json(envelope))
        case .env:
            let export = try CredentialExport(envelope, spec: StoreAccess.spec(connector))
            export.notes.forEach { Diagnostics.note("note: " + $0) }
            StoreAccess.write(export.envLines)
        }
    }
}
