import ArgumentParser
import FoundationEssentials
import Glibc
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
        // Said where the key is handed out: adding it to a recipients.txt changes no file stored before.
        if isatty(STDERR_FILENO) == 1 {
            Diagnostics.note("a teammate who adds this key to their recipients.txt runs `lakeflow-auth rekey` "
                             + "to encrypt the files they stored before to it too")
        }
    }
}
