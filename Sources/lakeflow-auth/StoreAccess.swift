import Foundation
import LakeflowAuthCore

/// The store every command uses: this process's environment, and a terminal prompt when there is one.
enum StoreAccess {
    static func store() -> CredentialStore {
        CredentialStore(environment: ProcessInfo.processInfo.environment, prompt: TerminalPassphrase.prompt)
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
