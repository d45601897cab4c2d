import AcmeSandbox
import Foundation
import Testing

@Suite struct ConfigurationTests {
    @Test func demoRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(AcmeSandboxConfiguration.demo)
        let decoded = try JSONDecoder().decode(AcmeSandboxConfiguration.self, from: data)
        #expect(decoded == .demo)
    }

    @Test func loadsFaultsFromAJSONFile() throws {
        let json = #"""
        {"workspaces": [
          {"slug": "slow", "apiKeys": [], "users": [], "fault": {"rateLimited": {"retryAfterSeconds": 30}}},
          {"slug": "down", "apiKeys": [], "users": [], "fault": {"serverError": {}}}
        ]}
        """#
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("acme-sandbox-\(UUID()).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let configuration = try AcmeSandboxServer.configuration(contentsOf: file)
        #expect(configuration.workspaces.map(\.fault) == [.rateLimited(retryAfterSeconds: 30), .serverError])
    }
}
