import ArgumentParser
import LakeflowAuthCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List stored credentials: connector, profile, auth method, when saved, whether verified.")

    func run() throws {
        let summaries = try StoreAccess.store().list()
        guard !summaries.isEmpty else {
            Diagnostics.note("no stored credentials; run `lakeflow-auth <connector>` to add some")
            return
        }
        HumanOutput.write(CredentialListing.lines(summaries).map { $0 + "\n" }.joined())
    }
}
