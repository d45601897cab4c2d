import ArgumentParser
import LakeflowAuthCore

struct ConnectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connectors",
        abstract: "List the connectors that can be set up, and where each spec comes from.")

    func run() throws {
        HumanOutput.line(ConnectorListing.lines(SpecResolver().available()).joined(separator: "\n"))
    }
}
