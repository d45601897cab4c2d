import Foundation
@testable import LakeflowAuthCore
import Testing

/// The layer on whatever spec resolves: a spec's own probe wins, a renamed option leaves the method
/// unverified with one warning, and a spec's default never aims a built-in check elsewhere.
struct CheckLayerTests {
    static func spec(_ text: String, connector: String = "github", format: String = "connector_spec.yaml") throws -> ConnectorSpec {
        let folder = TemporaryFolder()
        let path = folder.write(text, to: "\(connector)/\(format)")
        return try ResolvedSpec(connector: connector, path: path, source: .file).load()
    }

    static func credentials(_ spec: ConnectorSpec, _ values: [String: String]) throws -> Credentials {
        try ProbeFixtures.credentials(spec, method: nil, values)
    }

    /// Upstream renamed `token` to `pat`: the built-in check is not used, one warning names the option,
    /// and the values are saved unverified, never a crash.
    @Test func aCheckReadingAnOptionTheSpecLacksIsLeftOutWithOneWarning() async throws {
        let spec = try Self.spec("display_name: GitHub\nconnection:\n  parameters:\n    - name: pat\n      secret: true\n    - name: base_url\n")
        #expect(spec.warnings.count == 1)
        let warning = try #require(spec.warnings.first)
        #expect(warning.location.path == "(built in)/checks/github.yaml")
        #expect(warning.message.contains(#"the built-in check of github reads option "token", which this spec does not have, so its values are saved unverified"#))
        #expect(spec.check(for: nil) == nil)
        let credentials = try Self.credentials(spec, ["pat": "ghp_x"])
        let result = try await ProbeClient().probe(credentials, spec: spec)
        #expect(result.outcome == .unverified && result.passes)
        let plan = try CheckPlan.make(credentials, spec: spec, reveal: false)
        #expect(plan.source == nil && plan.requests.isEmpty)
        #expect(CheckSummary.rows(spec) == [CheckSummary.Row(method: "-", check: "none declared")])
    }

    /// A checkout's or a file's spec whose default points elsewhere: the built-in check goes to the
    /// built-in host, or to what the person typed, and the form offers the layer's default.
    @Test func aHostileSpecDefaultCannotRedirectABuiltInCheck() throws {
        let hostile = """
            options:
              - name: token
                secret: true
                required: true
              - name: base_url
                type: url
                default: https://collector.evil.example
            """
        let spec = try Self.spec(hostile, format: "options.yaml")
        #expect(spec.check(for: nil)?.source == .builtIn)
        #expect(spec.option(named: "base_url")?.defaultValue == "https://api.github.com")
        let untyped = try CheckPlan.make(try Self.credentials(spec, ["token": "ghp_secret"]), spec: spec, reveal: true)
        #expect(untyped.requests.map(\.url) == ["https://api.github.com/user"])
        let typed = try CheckPlan.make(try Self.credentials(spec, ["token": "ghp_secret", "base_url": "https://ghe.example.com/api/v3/"]),
                                       spec: spec, reveal: true)
        #expect(typed.requests.map(\.url) == ["https://ghe.example.com/api/v3/user"])
        // A stored file keeps what it was saved with; the spec's default is still not read.
        let stored = Credentials(connector: "github", authMethod: nil, values: [("token", .string("ghp_secret"))])
        #expect(try CheckPlan.make(stored, spec: spec, reveal: true).requests.map(\.url) == ["https://api.github.com/user"])
    }

    @Test func aSpecsOwnProbeWins() throws {
        let spec = try Self.spec("""
            options:
              - name: token
                secret: true
            probe:
              url: https://api.github.com/octocat
              auth: {type: bearer, token: "{token}"}
            """, format: "options.yaml")
        let check = try #require(spec.check(for: nil))
        #expect(check.source == .spec)
        #expect(spec.builtInChecks == nil)
        let plan = try CheckPlan.make(try Self.credentials(spec, ["token": "t"]), spec: spec, reveal: true)
        #expect(plan.requests.map(\.url) == ["https://api.github.com/octocat"])
        #expect(plan.json["check"]?["source"] == .string("spec"))
    }

    @Test func theLayersHintsReachAnUpstreamSpec() throws {
        let spec = try Self.spec("connection:\n  parameters:\n    - name: token\n      secret: true\n    - name: base_url\n")
        let link = try #require(try CheckLayer.file(for: "github")?.hint(for: "token")?.link)
        #expect(spec.option(named: "token")?.link == link)
        #expect(spec.option(named: "base_url")?.defaultValue == "https://api.github.com")
        let inspected = SpecInspection.json(spec)
        #expect(inspected["check"]?.serialized()
            == #"{"source":"built-in","requests":[{"method":"GET","url":"{base_url}/user","headers":{"Authorization":"Bearer {token}","Accept":"application/vnd.github+json"}}],"expect":[200],"identity":"/login"}"#)
    }

    /// In a method the spec's OAuth flow serves, the flow's token request comes first; the token it
    /// returns shows as `{access_token}`.
    @Test func dryRunMasksSecretsAndShowsObtainedValues() throws {
        let spec = CheckLayer.attach(try CheckFileReader.read(text: """
            oauth:
              client_auth: basic
              token_params: {resource: "{api_host}"}
            check:
              requests:
                - url: "https://{api_host}/v1/me"
                  headers: {Authorization: "Token {access_token}", X-Key: "{api_key}"}
            """, path: "service-check.yaml"), to: try SpecLoader.load(text: """
            options:
              - name: api_host
                required: true
              - name: api_key
                secret: true
              - name: client_id
                required: true
              - name: client_secret
                secret: true
                required: true
            oauth:
              flow: m2m
              token_url: "https://login.example.com/token"
            """, path: "service/options.yaml"))
        let credentials = try Self.credentials(spec, ["api_host": "api.example.com", "api_key": "key-0123456789abcdefghij",
                                                      "client_id": "app", "client_secret": "a-client-secret-of-some-length"])
        let plan = try CheckPlan.make(credentials, spec: spec, reveal: false)
        #expect(plan.json.serialized() == #"{"connector":"service","auth_method":null,"check":{"source":"built-in","requests":["#
            + #"{"method":"POST","url":"https://login.example.com/token","headers":{"Accept":"application/json","Authorization":"Basic base64(app:••••ngth)","Content-Type":"application/x-www-form-urlencoded"},"body":{"grant_type":"client_credentials","resource":"api.example.com"}},"#
            + #"{"method":"GET","url":"https://api.example.com/v1/me","headers":{"Authorization":"Token {access_token}","X-Key":"••••ghij"},"body":null}],"#
            + #""expect":[200],"identity":null},"no_check":null}"#)
        let lines = plan.lines(title: spec.title)
        #expect(lines.first == "service: the built-in check would send, in order:")
        #expect(lines[1] == "  1. POST https://login.example.com/token  (the OAuth flow's token request)")
        #expect(!lines.joined().contains("a-client-secret") && !lines.joined().contains("key-0123"))
        let revealed = try CheckPlan.make(credentials, spec: spec, reveal: true)
        #expect(revealed.requests[0].headers[1].1 == "Basic " + Data("app:a-client-secret-of-some-length".utf8).base64EncodedString())
    }

    @Test func aBasicPairIsShownUnencodedAndMasked() throws {
        let spec = try ResolvedSpec.builtIn("zendesk").load()
        let credentials = try Self.credentials(spec, ["subdomain": "acme", "email": "ann@example.com", "api_token": "zd-token"])
        let plan = try CheckPlan.make(credentials, spec: spec, reveal: false)
        #expect(plan.requests.first?.headers.first?.1 == "Basic base64(ann@example.com/token:••••••••)")
        let revealed = try CheckPlan.make(credentials, spec: spec, reveal: true)
        #expect(revealed.requests.first?.headers.first?.1 == "Basic " + Data("ann@example.com/token:zd-token".utf8).base64EncodedString())
    }
}

extension CheckLayerTests {
    /// Upstream renamed `org`, which both of collibra's checks read: one warning names it, and both
    /// methods go unverified.
    @Test func anOptionTwoChecksReadIsNamedInOneWarning() throws {
        let file = try CheckFileReader.read(text: """
            values:
              base: {first: ["{base_url}", "https://{org}.example.com"]}
            methods:
              token:
                requests: [{url: "{base}/me", headers: {Authorization: "Bearer {token}"}}]
              key:
                requests: [{url: "{base}/me", headers: {X-Key: "{key}"}}]
            """, path: "(built in)/checks/renamed.yaml")
        let spec = CheckLayer.attach(file, to: try SpecLoader.load(text: """
            options:
              - name: organization
              - name: base_url
            auth_methods:
              - name: token
                options: [{name: token, secret: true}]
              - name: key
                options: [{name: key, secret: true}]
            """, path: "renamed/options.yaml"))
        #expect(spec.warnings.map(\.message) == [
            #"(built in)/checks/renamed.yaml:2:32: the built-in checks of auth method "token" and auth method "key" read option "org", which this spec does not have, so their values are saved unverified"#,
        ])
        #expect(spec.builtInChecks == nil)
        #expect(spec.authMethods.allSatisfy { spec.check(for: $0) == nil })
    }
}
