import Foundation
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

    /// The connector's spec, resolved as setup resolves it; nil when none is found here or it does not
    /// load (its own errors are for setup to tell).
    static func spec(_ connector: String) -> ConnectorSpec? {
        try? SpecResolver(environment: ProcessInfo.processInfo.environment).resolve(connector).load()
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
