import FoundationEssentials
import LakeflowAuthCore

/// The store every command uses: this process's environment, and a terminal prompt when there is one.
enum StoreAccess {
    static func store() -> CredentialStore {
        CredentialStore(environment: ProcessInfo.processInfo.environment, prompt: TerminalPassphrase.prompt)
    }

    /// The store with its identity unlocked now, for a command that opens and writes more than once:
    /// the passphrase is asked for once.
    static func unlockedStore() throws -> CredentialStore {
        let store = store()
        return store.unlocked(with: try store.keeper.load())
    }

    static func write(_ text: String) {
        StandardStreams.writeOutput(text)
    }
}
