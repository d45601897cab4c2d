import ArgumentParser
import LakeflowAuthCore

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete a connector's stored credentials.")

    @Argument(help: "The connector whose credentials to delete.")
    var connector: String

    @OptionGroup var profile: ProfileOption

    func run() throws {
        Diagnostics.note("removed \(try StoreAccess.store().remove(connector, profile: try profile.resolved()))")
    }
}
