import ArgumentParser
import FoundationEssentials
import Glibc
import LakeflowAuthCore
import LakeflowAuthTerminal

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete a connector's stored credentials (asked at a terminal; --yes without one).")

    @Argument(help: "The connector whose credentials to delete.")
    var connector: String

    @OptionGroup var profile: ProfileOption

    @Flag(name: [.short, .long], help: "Delete without asking; needed where there is no terminal to ask on.")
    var yes = false

    func run() throws {
        let store = StoreAccess.store()
        let profile = try profile.resolved()
        // Nothing stored is said as such (with the stored names it may have meant), not asked about.
        if !yes, store.hasStored(connector, profile: profile) {
            try confirm(path: store.location.credentialPath(connector, profile: profile))
        }
        Diagnostics.note("removed \(try store.remove(connector, profile: profile))")
    }

    /// Asks on the controlling terminal, as the passphrase is asked: only when stdin is one.
    private func confirm(path: String) throws {
        guard isatty(STDIN_FILENO) == 1 else { throw RemovalUnconfirmed.noTerminal(connector: connector) }
        let declined = RemovalUnconfirmed.declined(connector: connector)
        let terminal = try TerminalIO(connector: connector, farewell: Diagnostics.text(declined.message))
        let answer = try terminal.ask("Delete the stored credentials of \(TerminalText.excerpt(connector)) (\(path))? [y/N] ", secret: false)
        guard let answer, ["y", "yes"].contains(answer.trimmingSpaces.lowercased()) else { throw declined }
    }
}
