import AcmeSandbox
import Foundation

/// Runs against the Acme sandbox, as CI would: `--from-env` end to end (load the spec, validate,
/// probe, seal, save), and `export` of what that stored.
enum HeadlessSetupRun {
    static func measure(tool: String, environment: [String: String], runs: Int) async throws -> [Measurement] {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let stored = environment.merging(["LAKEFLOW_AUTH_HOME": home]) { $1 }
        let acme = stored.merging(["ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001",
                                   "ACME_BASE_URL": url.absoluteString]) { $1 }
        let setup = try timed("--from-env end to end (sandbox on 127.0.0.1)", target: "< 25 ms, < 30 MiB", runs: runs,
                              [tool, "acme", "--from-env"], env: acme)
        await sandbox.stop()
        let export = try timed("export of a stored credential", target: "< 12 ms", runs: runs, [tool, "export", "acme"], env: stored)
        return [setup, export]
    }
}
