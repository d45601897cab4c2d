import ArgumentParser
import LakeflowAuthCore

struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Print this machine's age public key, for a teammate's recipients.txt.")

    func run() throws {
        StoreAccess.write(try StoreAccess.store().publicKey() + "\n")
    }
}
