import FoundationEssentials
import LakeflowAuthCore
import Synchronization

/// `probe --all`: one line a credential on stdout as each check is recorded, then what failed on
/// stderr. Ctrl-C stops the checks in flight (none of them is recorded) and keeps every record
/// already written; the process then ends with 130.
struct ProbeAll {
    let timeout: Duration

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let total = StoreAccess.store().location.storedCredentials().count
        guard total > 0 else {
            Diagnostics.note("no stored credentials; run `lakeflow-auth <connector>` to add some")
            return
        }
        let recheck = StoredCredentialRecheck(store: try StoreAccess.unlockedStore(), timeout: timeout) { connector in
            try SpecResolver(environment: environment).resolve(connector).load()
        }
        let reported = Mutex(0)
        let checks = Task {
            try await recheck.run { item in
                reported.withLock { $0 += 1 }
                StandardStreams.writeOutput(item.line + "\n")
            }
        }
        let interruption = Interruption { checks.cancel() }
        defer { interruption.stop() }
        let items: [StoredCredentialRecheck.Item]
        do {
            items = try await checks.value
        } catch is CancellationError {
            throw RecheckCancelled(recorded: reported.withLock { $0 }, total: total)
        }
        guard StoredCredentialRecheck.exitStatus(items) == .success else { throw RecheckFailure(items: items) }
    }
}
