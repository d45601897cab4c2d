import Foundation

/// Runs `lakeflow-auth` (built beside this test bundle) and the reference `age` tools against a
/// store in a fresh temporary folder.
final class StoreFixture: Sendable {
    let folder: String
    var home: String { folder + "/home" }
    var credentials: String { home + "/credentials" }

    init() {
        var template = Array((NSTemporaryDirectory() + "/lakeflow-e2e-XXXXXX").utf8CString)
        folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }


    var environment: [String: String] {
        ["LAKEFLOW_AUTH_HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder]
    }

    func lakeflowAuth(_ arguments: [String], environment extra: [String: String] = [:]) throws -> LakeflowAuthProcess.Result {
        try run(try LakeflowAuthProcess.builtBinary().path, arguments, environment: environment.merging(extra) { $1 })
    }

    /// A tool found on PATH, such as `age`, `age-keygen` or `sh`.
    func tool(_ name: String, _ arguments: [String], input: String? = nil) throws -> LakeflowAuthProcess.Result {
        try run("/usr/bin/env", [name] + arguments, environment: environment, input: input)
    }

    /// Seals an envelope with the age tool, as a teammate's machine would, for this store's identity.
    func sealWithAge(_ envelope: String, connector: String, to recipient: String? = nil) throws {
        let key = try recipient ?? lakeflowAuth(["identity"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        let sealed = try tool("age", ["-e", "-r", key, "-o", credentials + "/\(connector).age"], input: envelope)
        precondition(sealed.status == 0, "age -e failed: \(sealed.stderr)")
    }

    func run(_ executable: String, _ arguments: [String], environment: [String: String], input: String? = nil) throws -> LakeflowAuthProcess.Result {
        try LakeflowAuthProcess.run(executable: URL(fileURLWithPath: executable), arguments, environment: environment, stdin: input)
    }
}

enum SampleEnvelope {
    static let apiKey = "sk_live_it's-0123456789abcdef"

    static func json(connector: String = "acme") -> String {
        #"{"format":1,"connector":"\#(connector)","auth_method":"api_key","options":{"api_key":"sk_live_it's-0123456789abcdef","region":"eu"},"secret_options":["api_key"],"env_vars":{"api_key":"ACME_TOKEN","region":"ACME_REGION"},"saved_at":"2025-06-15T15:06:40Z","probe":{"ok":true,"status":200,"at":"2025-06-15T15:06:41Z","identity":"alice"}}"#
    }
}
