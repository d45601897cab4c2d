import Foundation
import LakeflowAuthCore
import Testing

/// A connection compared with the one the stored credentials make: by name and value, secret options
/// left out since Databricks never returns their values, and only names reported.
@Suite struct ConnectionDriftTests {
    static func expected() throws -> UnityCatalogConnection {
        try UnityCatalogConnection(name: "acme_prod", comment: nil, envelope: Sample.envelope(), spec: Sample.spec)
    }

    static func remote(_ changes: [String: String?] = [:]) throws -> RemoteConnection {
        var options = Dictionary(uniqueKeysWithValues: try expected().options.filter { $0.0 != "api_key" })
        for (name, value) in changes { options[name] = value }
        return RemoteConnection(name: "acme_prod", options: options)
    }

    static func drift(_ remote: RemoteConnection) throws -> ConnectionDrift {
        ConnectionDrift(expected: try expected(), remote: remote, host: "https://adb-1.example.net", connector: "acme",
                        profile: "default", at: Date(timeIntervalSince1970: 1_760_000_000))
    }

    @Test func aConnectionAsMadeIsInSyncAndItsSecretIsNotCompared() throws {
        let drift = try Self.drift(try Self.remote())
        #expect(drift.comparison.inSync)
        #expect(drift.notCompared == ["api_key"])
        #expect(drift.note == "Databricks never returns the values of secret options, so api_key is not compared")
        #expect(drift.lines == ["acme_prod in adb-1.example.net: in sync with the stored credentials of acme",
                                "Databricks never returns the values of secret options, so api_key is not compared"])
    }

    @Test func aChangedAMissingAndAnAddedOptionAreNamedNotShown() throws {
        let drift = try Self.drift(try Self.remote(["region": "us", "sourceName": nil, "extra": "x", "api_key": "leaked?"]))
        #expect(drift.comparison.differs == ["region", "sourceName", "extra"])
        #expect(!drift.comparison.inSync)
        let json = drift.json.serialized()
        #expect(json.contains(#""in_sync":false"#) && json.contains(#""differs":["region","sourceName","extra"]"#))
        #expect(json.contains(#""not_compared":["api_key"]"#))
        #expect(!json.contains("leaked") && !json.contains("\"us\""))
    }
}
