import AcmeSandbox
import Foundation
import LakeflowAuthCore

/// One `lakeflow-auth … --from-env` run with a store of its own, against a sandbox of its own.
struct HeadlessRun {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-headless-\(UUID().uuidString)").path
    var store: CredentialStore { CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": home]) }
    var storedPath: String { StoreLocation(home: home).credentialPath("acme") }

    func run(_ arguments: [String], _ environment: [String: String]) throws -> LakeflowAuthProcess.Result {
        try LakeflowAuthProcess.run(arguments, environment: environment.merging(["LAKEFLOW_AUTH_HOME": home]) { $1 })
    }

    func removeHome() {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Runs `body` with a fresh run and a started sandbox, and cleans both up whatever happens.
    static func withSandbox(_ configuration: AcmeSandboxConfiguration = .demo,
                            _ body: (HeadlessRun, AcmeSandboxServer, URL) async throws -> Void) async throws {
        let server = AcmeSandboxServer(configuration: configuration)
        let url = try await server.start()
        let run = HeadlessRun()
        defer { run.removeHome() }
        do {
            try await body(run, server, url)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
