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
        #expect(spec.option(named: "token")?.link == "https://github.com/settings/personal-access-tokens")
        #expect(spec.option(named: "base_url")?.defaultValue == "https://api.github.com")
        let inspected = SpecInspection.json(spec)
        #expect(inspected["check"]?.serialized()
            == #"{"source":"built-in","requests":[{"method":"GET","url":"{base_url}/user","headers":{"Authorization":"Bearer {token}","Accept":"application/vnd.github+json"}}],"expect":[200],"identity":"/login"}"#)
    }

    @Test func dryRunMasksSecretsAndShowsObtainedValues() throws {
        let spec = try ResolvedSpec.builtIn("collibra").load()
        var form = Form(spec: spec)
        try form.chooseAuthMethod("service_principal")
        form.set("org", "databricks")
        form.set("client_id", "app")
        form.set("client_secret", "a-client-secret-of-some-length")
        let plan = try CheckPlan.make(try form.validate(), spec: spec, reveal: false)
        #expect(plan.json.serialized() == #"{"connector":"collibra","auth_method":"service_principal","check":{"source":"built-in","requests":["#
            + #"{"method":"POST","url":"https://databricks.collibra.com/rest/oauth/v2/token","headers":{"Accept":"application/json","Content-Type":"application/x-www-form-urlencoded"},"body":{"grant_type":"client_credentials","client_id":"app","client_secret":"••••ngth"}},"#
            + #"{"method":"GET","url":"https://databricks.collibra.com/rest/2.0/assets?limit=1","headers":{"Authorization":"Bearer {access_token}"},"body":null}],"#
            + #""expect":[200],"identity":null},"no_check":null}"#)
        let lines = plan.lines(title: spec.title)
        #expect(lines.first == "Collibra (service_principal): the built-in check would send, in order:")
        #expect(!lines.joined().contains("a-client-secret"))
    }

    @Test func aBasicPairIsShownUnencodedAndMasked() throws {
        let spec = try ResolvedSpec.builtIn("zendesk").load()
        let credentials = try Self.credentials(spec, ["subdomain": "acme", "email": "ann@example.com", "api_token": "zd-token"])
        let plan = try CheckPlan.make(credentials, spec: spec, reveal: false)
        #expect(plan.requests.first?.headers.first?.1 == "Basic base64(ann@example.com/token:••••)")
        let revealed = try CheckPlan.make(credentials, spec: spec, reveal: true)
        #expect(revealed.requests.first?.headers.first?.1 == "Basic " + Data("ann@example.com/token:zd-token".utf8).base64EncodedString())
    }
}
