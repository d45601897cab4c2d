import ArgumentParser
import FoundationEssentials
import LakeflowAuthCore

/// `lakeflow-auth status [<connector>] [--json]`: every stored credential with its last check,
/// expiries and connections, what needs attention flagged; no passphrase needed once indexed.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each stored credential's last check, expiry and connections, and what needs attention.")

    @Argument(help: "Only this connector's credentials.")
    var connector: String?

    @Flag(help: "Print a JSON list of objects, one per stored credential.")
    var json = false

    func run() throws {
        let store = StoreAccess.store()
        var summaries = try store.list()
        if let connector {
            guard ConnectorName.isValid(connector) else { throw ResolutionError.invalidName(connector) }
            summaries = summaries.filter { $0.connector == connector }
            guard !summaries.isEmpty else { throw StoreError.notFound(connector: connector, path: store.location.credentialPath(connector)) }
        }
        if summaries.isEmpty && !json {
            Diagnostics.note("no stored credentials; run `lakeflow-auth <connector>` to add some")
            return
        }
        StoreAccess.write(json ? CredentialStatusReport.json(summaries) : CredentialStatusReport.text(summaries))
    }
}
