import PseudoTerminal
import Foundation
import LakeflowAuthCore

/// The built `lakeflow-auth` started in a pseudo-terminal with a store of its own in a temp folder.
struct WizardRun {
    let home: String
    let terminal: PseudoTerminal

    /// The home of a new run, to store into before the run starts (`home:`).
    static func newHome() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-plain-\(UUID().uuidString)").path
    }

    init(_ arguments: [String], environment extra: [String: String] = [:], home: String = WizardRun.newHome()) throws {
        self.home = home
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "TERM": "dumb", "LAKEFLOW_AUTH_HOME": home, "NO_COLOR": "1"]
        environment.merge(extra) { _, new in new }
        terminal = try PseudoTerminal(executable: try LakeflowAuthProcess.builtBinary().path, arguments: arguments, environment: environment)
    }

    var store: CredentialStore { CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": home]) }

    /// Stored files, by name; nothing stored is no folder or an empty one.
    var storedFiles: [String] {
        let folder = StoreLocation(home: home).credentialsFolder
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".age") }
    }

    func removeHome() {
        try? FileManager.default.removeItem(atPath: home)
    }
}
