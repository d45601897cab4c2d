import ArgumentParser
import LakeflowAuthCore

struct RekeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Encrypt every stored file again, to this machine's key and today's recipients.txt.",
        discussion: "Adding a key to recipients.txt re-encrypts nothing by itself: files stored before stay readable only by the keys they were written to until they are saved again or rekeyed.")

    func run() throws {
        let outcomes = try StoreAccess.store().rekey()
        guard !outcomes.isEmpty else {
            Diagnostics.note("no stored credentials to re-encrypt")
            return
        }
        for outcome in outcomes {
            switch outcome.failure {
            case nil:
                HumanOutput.line("\(outcome.connector)  re-encrypted to \(outcome.recipients) key\(outcome.recipients == 1 ? "" : "s")")
            case let failure?:
                HumanOutput.line("\(outcome.connector)  left as it was: \(failure.message)")
            }
        }
        let failed = outcomes.filter { $0.failure != nil }.count
        if failed > 0 { throw RekeyIncomplete(failed: failed, total: outcomes.count) }
    }
}
