import Foundation
@testable import LakeflowAuthCore
import Testing

/// specs/README.md documents the declarations by a complete example; it must stay loadable and complete.
struct SpecsReadmeTests {
    static func example() throws -> String {
        let readme = try String(contentsOfFile: PackagePaths.root.appendingPathComponent("specs/README.md").path,
                                encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        return String(readme[start.upperBound..<end.lowerBound]) + "\n"
    }

    @Test("the example declarations load as the README describes them")
    func exampleLoads() throws {
        let spec = try SpecLoader.load(text: try Self.example(), path: "weather/options.yaml")
        #expect(spec.displayName == "Weather Service")
        #expect(spec.options.map(\.type) == [.string, .url, .choice, .integer, .number, .boolean])
        #expect(spec.options.first { $0.name == "include_history" }?.envVar == "WEATHER_HISTORY")
        #expect(spec.options.first { $0.name == "account" }?.envVar == "WEATHER_ACCOUNT")
        #expect(spec.authMethods.map(\.name) == ["token", "password", "api_key", "url_key", "public"])
        let probes = spec.authMethods.compactMap(\.probe)
        #expect(probes.count == 5)
        #expect(probes.map(\.url.text) == ["{base_url}/v1/accounts/{account}/me", "{base_url}/v1/accounts/{account}/me",
                                          "{base_url}/v1/accounts/{account}/me", "{base_url}/v2/accounts/{account}/whoami",
                                          "{base_url}/v1/accounts/{account}/me"])
        #expect(probes.map(\.auth) == [
            .bearer(token: try Template("{token}")),
            .basic(username: try Template("{username}"), password: try Template("{password}")),
            .header(name: "X-Api-Key", value: try Template("{api_key}")),
            .query(name: "key", value: try Template("{key}")),
            .none,
        ])
        #expect(probes.map(\.expectedStatuses) == [[200], [200], [200], [200, 203], [200]])
        #expect(probes.map(\.identityPointer) == ["/user/name", "/user/name", "/user/name", "/user/name", "/account"])
        #expect(spec.oauth?["pkce"] == .bool(true))
        #expect(spec.tableOptions.map(\.name) == ["station_id", "since"])
    }

    @Test("the example uses every key the declarations know")
    func exampleIsComplete() throws {
        let example = try Self.example()
        let keys = DeclarationsReader.topKeys + DeclarationsReader.methodKeys + DeclarationsReader.optionKeys
            + ProbeDeclaration.keys + ["type", "token", "username", "password", "name", "value"]
        for key in Set(keys) {
            #expect(example.contains("\(key):"), "specs/README.md's example has no \(key)")
        }
        for type in OptionType.allCases.map(\.rawValue) + ["bearer", "basic", "header", "query", "none"] {
            #expect(example.contains("type: \(type)\n"), "specs/README.md's example has no type \(type)")
        }
    }
}
