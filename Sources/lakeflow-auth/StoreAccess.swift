import Foundation
import LakeflowAuthCore

/// The store every command uses: this process's environment, and a terminal prompt when there is one.
enum StoreAccess {
    static func store() -> CredentialStore {
        CredentialStore(environment: ProcessInfo.processInfo.environment, prompt: TerminalPassphrase.prompt)
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
