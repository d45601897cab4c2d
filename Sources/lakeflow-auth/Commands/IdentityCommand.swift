import ArgumentParser
import LakeflowAuthCore

struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Print this machine's age public key, for a teammate's recipients.txt.")

    @Flag(help: "Create a new identity where the old one is lost; credentials encrypted only to it stay unreadable.")
    var new = false

    func run() throws {
        let store = StoreAccess.store()
        StoreAccess.write(try (new ? store.newIdentity() : store.publicKey()) + "\n")
    }
}
