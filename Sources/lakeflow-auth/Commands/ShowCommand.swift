import ArgumentParser
import LakeflowAuthCore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a connector's stored credentials, secrets masked.")

    @Argument(help: "The connector whose credentials to show.")
    var connector: String

    @Flag(help: "Show secret values in full.")
    var reveal = false

    @Flag(help: "Print the stored envelope as JSON.")
    var json = false

    func run() throws {
        let envelope = try StoreAccess.store().open(connector)
        StoreAccess.write(json ? CredentialDisplay.json(envelope, reveal: reveal) : CredentialDisplay.text(envelope, reveal: reveal))
    }
}
