import FoundationEssentials
import Glibc

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
            self.init(home: (environment["HOME"] ?? HomeFolder.path) + "/.local/share/lakeflow-auth")
        }
    }

    public var identityPath: String { home + "/identity.txt" }
    public var recipientsPath: String { home + "/recipients.txt" }
    public var credentialsFolder: String { home + "/credentials" }
    public var lockPath: String { credentialsFolder + "/.lock" }
    /// What `status` and `list` show without the identity (`CredentialIndex`).
    public var indexPath: String { credentialsFolder + "/" + CredentialIndex.fileName }

    /// The file for a connector's credentials: `acme.age` for the default profile, as before profiles
    /// existed, `acme@prod.age` for another. Callers validate both names first, so the path cannot
    /// leave the folder; neither name can hold an `@`, so a file name reads back one way only.
    public func credentialPath(_ connector: String, profile: String = ProfileName.default) -> String {
        credentialsFolder + "/" + fileName(connector, profile: profile)
    }

    func fileName(_ connector: String, profile: String) -> String { Self.fileName(connector, profile: profile) }

    /// `acme.age` for the default profile (the name it had before profiles), `acme@prod.age` for another.
    static func fileName(_ connector: String, profile: String) -> String {
        (profile == ProfileName.default ? connector : connector + "@" + profile) + ".age"
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

    /// Every credential file in `credentials/`, by connector then profile (the default first). A name
    /// that is not one this tool writes (`acme@default.age`, `../x.age`) is not a credential file.
    public func storedCredentials() -> [StoredCredentialName] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: credentialsFolder)) ?? []
        return names.compactMap(StoredCredentialName.init(fileName:)).sorted()
    }
}
