import Foundation

/// `status` of a store of 50 credentials (acme's, under 50 profiles: the files and the index are
/// the same size whichever connectors they are), as a person checks what needs attention: read from
/// the index, no identity unlocked.
enum StatusOfMany {
    static let credentials = 50

    static func measure(tool: String, environment: [String: String], runs: Int) throws -> Measurement {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-bench-status-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let stored = environment.merging(["LAKEFLOW_AUTH_HOME": home]) { $1 }
        for index in 0..<credentials {
            let profile = "team-\(index / 2)-\(index % 2 == 0 ? "dev" : "prod")"
            let setup = try ChildProcess.run([tool, "acme", "--from-env", "--no-probe", "--profile", profile], environment: stored.merging([
                "ACME_WORKSPACE": "workspace-\(index)", "ACME_API_KEY": "acme-benchmark-key-\(index)",
            ]) { $1 })
            guard setup.status == 0 else { throw BenchmarkError("storing credential \(index) exited \(setup.status)") }
        }
        return try timed("status of \(credentials) stored credentials", target: "< 50 ms", runs: runs, [tool, "status"], env: stored)
    }
}
