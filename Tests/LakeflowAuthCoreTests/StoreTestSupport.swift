import Age
import Foundation
import LakeflowAuthCore

/// A store in a fresh temporary folder, removed when the value goes away.
final class TemporaryStore: Sendable {
    private let folder = TemporaryFolder()
    let home: String
    var location: StoreLocation { StoreLocation(home: home) }

    init() {
        home = folder.path + "/home"
    }

    /// scrypt at a low work factor keeps passphrase tests fast; the format is the same.
    func store(passphrase: String? = nil, prompt: IdentityKeeper.PassphrasePrompt? = nil,
               lockTimeout: Duration = .seconds(10)) -> CredentialStore {
        CredentialStore(keeper: IdentityKeeper(location: location, passphrase: passphrase, prompt: prompt, workFactor: 10),
                        lockTimeout: lockTimeout)
    }

    func bytes(_ path: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: path) ?? Data())
    }

    func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        chmod(path, mode)
    }

    func mode(_ path: String) -> mode_t {
        var status = stat()
        stat(path, &status)
        return status.st_mode & 0o777
    }

    func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}

enum Sample {
    static let spec = ConnectorSpec(
        connector: "acme", origin: .declarations,
        options: [ConnectorOption(name: "region", choices: ["us", "eu"], envVar: "ACME_REGION")],
        authMethods: [AuthMethod(name: "api_key", options: [
            ConnectorOption(name: "api_key", required: true, secret: true, envVar: "ACME_TOKEN"),
        ])])

    static func envelope(apiKey: String = "sk_live_0123456789abcdef", probe: ProbeRecord? = nil) -> CredentialEnvelope {
        let credentials = Credentials(connector: "acme", authMethod: "api_key",
                                      values: [("api_key", .string(apiKey)), ("region", .string("eu"))])
        return CredentialEnvelope(credentials: credentials, spec: spec, probe: probe,
                                  savedAt: Date(timeIntervalSince1970: 1_750_000_000))
    }
}

extension Error {
    /// The exit status a thrown error maps to, or nil when it is not a user-facing error at all.
    var userFacingExitStatus: ExitStatus? {
        guard let error = self as? UserFacingError else { return nil }
        return error.exitStatus
    }
}
