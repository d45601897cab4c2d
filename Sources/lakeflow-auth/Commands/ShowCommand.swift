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

    @OptionGroup var profile: ProfileOption

    func run() throws {
        var envelope = try StoreAccess.store().open(connector, profile: try profile.resolved())
        // A file that does not say which options are secret is masked whole, unless the spec can say.
        if envelope.secretOptions == nil,
           let spec = try? SpecResolver().resolve(connector).load() {
            envelope = envelope.withSecretOptions(from: spec)
        }
        if json {
            StoreAccess.write(CredentialDisplay.json(envelope, reveal: reveal))
        } else {
            HumanOutput.write(CredentialDisplay.text(envelope, reveal: reveal))
        }
    }
}
