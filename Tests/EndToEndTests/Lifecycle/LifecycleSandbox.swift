import AcmeSandbox
import Foundation
import LakeflowAuthCore

/// An Acme with a workspace per profile (dev and prod, each with a current and a next key), and one
/// that never answers; the credentials a test stores into each.
enum LifecycleSandbox {
    static let devKey = "acme-dev-key-0001"
    static let devNextKey = "acme-dev-key-0002"
    static let prodKey = "acme-prod-key-0001"
    static let slowKey = "acme-slow-key-0001"

    static let configuration = AcmeSandboxConfiguration(workspaces: [
        .init(slug: "team-dev", apiKeys: [.init(key: devKey, accountName: "Dev Bot"), .init(key: devNextKey, accountName: "Dev Bot")]),
        .init(slug: "team-prod", apiKeys: [.init(key: prodKey, accountName: "Prod Bot")]),
        .init(slug: "team-slow", apiKeys: [.init(key: slowKey, accountName: "Slow Bot")], fault: .hang),
    ])

    /// What `acme --from-env` reads for a workspace of the sandbox at `url`.
    static func acme(_ url: URL, workspace: String, key: String) -> [String: String] {
        ["ACME_WORKSPACE": workspace, "ACME_API_KEY": key, "ACME_BASE_URL": url.absoluteString]
    }

    /// Stores dev under the default profile and prod under `prod`, both checked against the sandbox.
    static func storeDevAndProd(_ run: HeadlessRun, _ url: URL) throws {
        for (profile, workspace, key) in [("default", "team-dev", devKey), ("prod", "team-prod", prodKey)] {
            let saved = try run.run(["acme", "--from-env", "--profile", profile], acme(url, workspace: workspace, key: key))
            precondition(saved.status == 0, "storing \(profile) failed: \(saved.stderr)")
        }
    }

    /// The first connection of one object of `status --json`.
    static func firstConnection(_ object: JSONValue?) -> JSONValue? {
        guard case let .array(connections)? = object?["connections"] else { return nil }
        return connections.first
    }

    /// The JSON objects `status --json` printed.
    static func statusObjects(_ text: String) throws -> [JSONValue] {
        guard case let .array(objects) = try JSONParser.parse(Array(text.utf8)) else { return [] }
        return objects
    }
}
