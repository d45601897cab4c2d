import AcmeSandbox
import Foundation

/// `lakeflow-auth acme --from-env` against the sandbox: load the spec, validate, probe, seal, save.
enum HeadlessSetupRun {
    static func measure(tool: String, environment base: [String: String], runs: Int) async throws -> Measurement {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        var environment = base
        environment.merge(["LAKEFLOW_AUTH_HOME": home, "ACME_WORKSPACE": "demo-workspace",
                           "ACME_API_KEY": "acme-demo-key-0001", "ACME_BASE_URL": url.absoluteString]) { $1 }
        let measurement = try timed("--from-env end to end (sandbox on 127.0.0.1)", target: "< 25 ms, < 30 MiB", runs: runs,
                                    [tool, "acme", "--from-env"], env: environment)
        await sandbox.stop()
        return measurement
    }

    /// `export` of the credentials the runs above stored.
    static func export(tool: String, environment base: [String: String], runs: Int) async throws -> Measurement {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-bench-export-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        var environment = base
        environment.merge(["LAKEFLOW_AUTH_HOME": home]) { $1 }
        _ = try ChildProcess.run([tool, "acme", "--from-env"], environment: environment.merging([
            "ACME_WORKSPACE": "demo-workspace", "ACME_API_KEY": "acme-demo-key-0001", "ACME_BASE_URL": url.absoluteString,
        ]) { $1 })
        await sandbox.stop()
        return try timed("export of a stored credential", target: "< 12 ms", runs: runs, [tool, "export", "acme"], env: environment)
    }
}
