import Foundation

/// Where the store lives: `$LAKEFLOW_AUTH_HOME`, else `${XDG_DATA_HOME:-$HOME/.local/share}/lakeflow-auth`.
public struct StoreLocation: Sendable, Equatable {
    public let home: String

    public init(home: String) {
        self.home = home
    }

    public init(environment: [String: String]) {
        if let home = environment["LAKEFLOW_AUTH_HOME"], !home.isEmpty {
            self.init(home: home)
        } else if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            self.init(home: data + "/lakeflow-auth")
        } else {
            self.init(home: (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/lakeflow-auth")
        }
    }

    public var identityPath: String { home + "/identity.txt" }
    public var recipientsPath: String { home + "/recipients.txt" }
    public var credentialsFolder: String { home + "/credentials" }
    public var lockPath: String { credentialsFolder + "/.lock" }

    /// The file for a connector; callers validate the name first so it cannot leave the folder.
    public func credentialPath(_ connector: String) -> String {
        credentialsFolder + "/" + connector + ".age"
    }

    /// Creates the home and credentials folders, private to this user whatever the umask.
    func prepare() throws(StoreError) {
        try checkFolders()
        try PrivateFolder.make(home)
        try PrivateFolder.make(credentialsFolder)
        try checkFolders()
    }

    /// Every operation on the store starts here, before it reads, writes or removes anything.
    func checkFolders() throws(StoreError) {
        try PrivateFolder.check(home)
        try PrivateFolder.check(credentialsFolder)
    }

    /// The connectors with a file in `credentials/`, in name order.
    func storedConnectors() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: credentialsFolder)) ?? []
        return names.filter { $0.hasSuffix(".age") }.map { String($0.dropLast(4)) }.filter(ConnectorName.isValid).sorted()
    }
}
