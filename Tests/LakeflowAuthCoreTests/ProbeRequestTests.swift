import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import LakeflowAuthCore
import Testing

/// The exact requests probes build, without sending them.
struct ProbeRequestTests {
    static func spec(probe: String) throws -> ConnectorSpec {
        try SpecLoader.load(text: """
            display_name: Example
            options:
              - name: base_url
                type: url
                default: https://api.example.com
              - name: account
                required: true
              - name: key
                required: true
                secret: true
            probe:
            \(probe.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """, path: "example/options.yaml", connector: "example")
    }

    static func request(_ spec: ConnectorSpec, _ values: [(String, JSONValue)]) throws -> ProbeRequest {
        try ProbeFixtures.firstRequest(Credentials(connector: spec.connector, authMethod: nil, values: values), spec: spec)
    }

    @Test func placeholdersArePercentEncodedAndURLOptionsInsertedWhole() throws {
        let spec = try Self.spec(probe: """
            url: "{base_url}/v1/accounts/{account}/me?view={account}"
            auth: {type: bearer, token: "{key}"}
            """)
        let request = try Self.request(spec, [
            ("base_url", .string("https://eu.example.com/api//")),
            ("account", .string("a b/c?d&e=f#g~h.i_j-kü")),
            ("key", .string("k+1/2")),
        ])
        let encoded = "a%20b%2Fc%3Fd%26e%3Df%23g~h.i_j-k%C3%BC"
        #expect(request.url.absoluteString == "https://eu.example.com/api/v1/accounts/\(encoded)/me?view=\(encoded)")
        #expect(request.method == "GET")
        #expect(request.header("Authorization") == "Bearer k+1/2")
        #expect(request.header("User-Agent") == "lakeflow-auth")
        #expect(request.header("Accept") == "application/json")
        #expect(request.headers.count == 3)
    }

    @Test func defaultFillsAnOmittedURLOption() throws {
        let spec = try Self.spec(probe: #"url: "{base_url}/me""#)
        let request = try Self.request(spec, [("account", .string("x")), ("key", .string("y"))])
        #expect(request.url.absoluteString == "https://api.example.com/me")
        #expect(request.header("Authorization") == nil)
        // An empty value (a stored file written elsewhere) is no value: the default applies too.
        #expect(try Self.request(spec, [("base_url", .string(""))]).url.absoluteString == "https://api.example.com/me")
    }

    @Test func basicAuthEncodesUserAndPassword() throws {
        let spec = try Self.spec(probe: """
            method: HEAD
            url: "{base_url}/me"
            auth: {type: basic, username: "{account}/token", password: "{key}"}
            """)
        let request = try Self.request(spec, [("account", .string("ann@example.com")), ("key", .string("pa:ss wörd"))])
        let expected = "Basic " + Data("ann@example.com/token:pa:ss wörd".utf8).base64EncodedString()
        #expect(request.header("Authorization") == expected)
        #expect(request.method == "HEAD")
    }

    @Test func headerAuthSetsTheDeclaredHeader() throws {
        let spec = try Self.spec(probe: """
            url: "{base_url}/me"
            auth: {type: header, name: X-Api-Key, value: "{key}"}
            """)
        let request = try Self.request(spec, [("account", .string("x")), ("key", .string("k 1"))])
        #expect(request.header("X-Api-Key") == "k 1")
        #expect(request.header("Authorization") == nil)
    }

    @Test func queryAuthIsAppendedEncoded() throws {
        let spec = try Self.spec(probe: """
            url: "{base_url}/me?format=json"
            auth: {type: query, name: api_key, value: "{key}"}
            """)
        let request = try Self.request(spec, [("account", .string("x")), ("key", .string("a&b=c"))])
        #expect(request.url.absoluteString == "https://api.example.com/me?format=json&api_key=a%26b%3Dc")

        let bare = try Self.spec(probe: """
            url: "{base_url}/me"
            auth: {type: query, name: api_key, value: "{key}"}
            """)
        #expect(try Self.request(bare, [("key", .string("k"))]).url.absoluteString == "https://api.example.com/me?api_key=k")
    }

    @Test(arguments: [
        "http://localhost:8080", "http://LOCALHOST", "http://127.0.0.1:9", "http://127.255.0.3", "http://[::1]:8080",
    ])
    func plainHTTPIsAllowedOnLoopback(baseURL: String) throws {
        let spec = try Self.spec(probe: #"url: "{base_url}/me""#)
        #expect(try Self.request(spec, [("base_url", .string(baseURL))]).url.scheme == "http")
    }

    @Test(arguments: [
        "http://api.example.com", "http://localhost.example.com", "http://127.0.0.1.example.com", "http://128.0.0.1",
        "http://10.0.0.1", "http://[::2]",
    ])
    func plainHTTPElsewhereIsRefused(baseURL: String) throws {
        let spec = try Self.spec(probe: #"url: "{base_url}/me""#)
        let error = #expect(throws: ProbeRefusal.self) { try Self.request(spec, [("base_url", .string(baseURL))]) }
        guard case .insecure = error?.problem else {
            Issue.record("expected an insecure-url error, got \(String(describing: error))")
            return
        }
        #expect(error?.options == ["base_url"])
        #expect(error?.exitStatus == .badInput)
    }

    @Test(arguments: ["ftp://example.com", "not a url", " ", "https://"])
    func unusableAddressesAreRefused(baseURL: String) throws {
        let spec = try Self.spec(probe: #"url: "{base_url}/me""#)
        let error = #expect(throws: ProbeRefusal.self) { try Self.request(spec, [("base_url", .string(baseURL))]) }
        #expect(error?.problem == .malformed)
    }

    @Test func hostOptionsAreThoseThatFillTheAuthority() throws {
        func hostOptions(_ url: String) throws -> [String] {
            let spec = try Self.spec(probe: "url: \"\(url)\"")
            let credentials = Credentials(connector: "example", authMethod: nil, values: [("base_url", .string("http://example.com"))])
            do {
                _ = try ProbeFixtures.firstRequest(credentials, spec: spec)
                Issue.record("expected plain http to be refused")
                return []
            } catch let error as ProbeRefusal {
                return error.options
            }
        }
        #expect(try hostOptions("{base_url}/v1/{account}") == ["base_url"])
        #expect(try hostOptions("http://{account}.example.com/{key}") == ["account"])
        #expect(try hostOptions("http://example.com/{account}") == [])
    }
}
