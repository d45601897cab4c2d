import Foundation
@testable import LakeflowAuthCore
import Testing

/// The engine's rules on the wire, against a recording server on 127.0.0.1: each request once (never
/// a 401 again), one deadline for the whole check, secrets only where they may go, every secret in
/// play scrubbed from what the server says.
struct CheckRunTests {
    static let tokenSpec = """
        options:
          - name: base_url
            type: url
            required: true
          - name: client_id
            required: true
          - name: client_secret
            secret: true
            required: true
          - name: private_key_pem
            secret: true
        """

    static let tokenCheck = """
        check:
          requests:
            - name: token
              method: POST
              url: "{base_url}/oauth/token"
              form: {grant_type: client_credentials, client_id: "{client_id}", client_secret: "{client_secret}"}
            - url: "{base_url}/api/me"
              headers: {Authorization: "Bearer {token/access_token}"}
        """

    static func spec(_ check: String = tokenCheck, connector: String = "tokens") throws -> ConnectorSpec {
        let spec = try SpecLoader.load(text: tokenSpec, path: "\(connector)/options.yaml", connector: connector)
        return CheckLayer.attach(try CheckFileReader.read(text: check, path: "\(connector)-check.yaml"), to: spec)
    }

    static func withServer<T>(_ answers: [RecordingServer.Answer],
                              _ body: (RecordingServer, String) async throws -> T) async throws -> T {
        let server = RecordingServer(answers: answers)
        let base = try await server.start().absoluteString
        do {
            let value = try await body(server, base)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    /// actiTIME bans an address after three failed logins in ten seconds: a 401 is an answer.
    @Test func aRejectionIsNeverRetried() async throws {
        let spec = try ResolvedSpec.builtIn("github").load()
        let (result, count) = try await Self.withServer([.json(401, #"{"message": "Bad credentials"}"#), .json(200, "{}")]) { server, base in
            let credentials = try ProbeFixtures.credentials(spec, method: nil, ["token": "ghp_revoked", "base_url": base])
            return (try await ProbeClient().probe(credentials, spec: spec), server.requests.count)
        }
        #expect(count == 1)
        #expect(result.outcome == .rejected && result.exitStatus == .rejected)
        #expect(result.message == "the credentials were rejected by GitHub (HTTP 401)")
        #expect(result.concernedOptions == ["token"])
    }

    /// The layer says where the client's credentials go: there, once, even when refused.
    @Test func aTokenRequestTheLayerPlacesIsSentOnce() async throws {
        let spec = try ResolvedSpec.builtIn("collibra").load()
        let (error, requests) = try await Self.withServer([.json(401, #"{"error": "invalid_client"}"#), .json(200, "{}")]) { server, base in
            var form = Form(spec: spec)
            try form.chooseAuthMethod("service_principal")
            for (name, value) in ["org": "o", "client_id": "app", "client_secret": "wrong", "token_url": base + "/token"] { form.set(name, value) }
            let credentials = try form.validate()
            let error = await #expect(throws: OAuthError.self) { try await OAuthAuthorization(presenter: nil).authorize(credentials, spec: spec) }
            return (error, server.requests)
        }
        #expect(requests.count == 1)
        #expect(requests.first?.header("authorization") == nil)
        #expect(requests.first?.formFields?.contains { $0.name == "client_secret" && $0.value == "wrong" } == true)
        #expect(error?.exitStatus == .rejected)
    }

    @Test func aTokenRequestRefusedWithAnOAuthErrorIsARejection() async throws {
        let spec = try Self.spec()
        let result = try await Self.withServer([.json(400, #"{"error": "invalid_client", "error_description": "unknown client"}"#)]) { server, base in
            let credentials = try ProbeFixtures.credentials(spec, method: nil, ["base_url": base, "client_id": "app", "client_secret": "wrong"])
            let result = try await ProbeClient().probe(credentials, spec: spec)
            #expect(server.requests.count == 1)
            return result
        }
        #expect(result.outcome == .rejected && result.exitStatus == .rejected)
        #expect(result.status == 400 && result.serverDetail == "unknown client")
        #expect(result.concernedOptions == ["client_id", "client_secret"])
    }

    /// Zoho's accounts server answers a bad client with 200 and an `error`: the call that needs the
    /// token is never sent without it, and the check says what the answer lacked or that it refused.
    @Test(arguments: [
        (#"{"error": "invalid_client"}"#, ProbeOutcome.rejected,
         "the credentials were rejected by tokens (HTTP 200)", ["client_id", "client_secret"]),
        (#"{"token_type": "Bearer"}"#, ProbeOutcome.unexpectedResponse(.lacks(member: "access_token")),
         "unexpected answer from tokens (HTTP 200): it has no access_token", []),
    ])
    func aTokenAnswerWithoutTheTokenEndsTheCheck(body: String, outcome: ProbeOutcome, message: String, concerned: [String]) async throws {
        let spec = try Self.spec()
        let (result, count) = try await Self.withServer([.json(200, body), .json(200, "{}")]) { server, base in
            let credentials = try ProbeFixtures.credentials(spec, method: nil, ["base_url": base, "client_id": "app", "client_secret": "wrong"])
            return (try await ProbeClient().probe(credentials, spec: spec), server.requests.count)
        }
        #expect(count == 1)
        #expect(result.outcome == outcome)
        #expect(result.message == message)
        #expect(result.concernedOptions == concerned)
    }

    /// The deadline is the check's, not each request's: a second request that never answers ends the
    /// check when the whole timeout is spent.
    @Test func oneDeadlineForTheWholeCheck() async throws {
        let spec = try Self.spec()
        let started = ContinuousClock.now
        let result = try await Self.withServer([.json(200, #"{"access_token": "t"}"#), RecordingServer.Answer(status: 200, hangs: true)]) { _, base in
            let credentials = try ProbeFixtures.credentials(spec, method: nil, ["base_url": base, "client_id": "app", "client_secret": "s"])
            return try await ProbeClient().probe(credentials, spec: spec, timeout: .milliseconds(800))
        }
        let elapsed = ContinuousClock.now - started
        #expect(result.outcome == .unreachable(.timedOut(seconds: 0.8)))
        #expect(elapsed < .seconds(4))
    }

    /// Servers echo what they are sent: a token the check obtained is scrubbed like an option.
    @Test func anObtainedTokenIsScrubbedFromWhatTheServerSays() async throws {
        let spec = try Self.spec()
        let token = "obtained-token-0123456789"
        let result = try await Self.withServer([.json(200, #"{"access_token": "\#(token)"}"#),
                                                .json(403, #"{"message": "token \#(token) may not read /api/me"}"#)]) { _, base in
            let credentials = try ProbeFixtures.credentials(spec, method: nil, ["base_url": base, "client_id": "app", "client_secret": "s3cret-value"])
            return try await ProbeClient().probe(credentials, spec: spec)
        }
        #expect(result.outcome == .forbidden)
        #expect(result.serverDetail == "token •••••••• may not read /api/me")
    }

    /// README, "Where a secret may go": an answer of a host the layer fixed may not send a secret to
    /// another host; the person's own host's answer, or the same host, may.
    @Test func aSecretGoesOnlyWhereThePersonOrTheLayerSays() throws {
        #expect(!ProbeRequest.maySendSecrets(to: "evil.example", from: .answer(host: "login.example.com", trusted: false), namedHosts: []))
        #expect(ProbeRequest.maySendSecrets(to: "login.example.com", from: .answer(host: "login.example.com", trusted: false), namedHosts: []))
        #expect(ProbeRequest.maySendSecrets(to: "auth.example.com", from: .answer(host: "login.example.com", trusted: false),
                                            namedHosts: ["auth.example.com"]))
        #expect(ProbeRequest.maySendSecrets(to: "anywhere.example", from: .answer(host: "fhir.example.org", trusted: true), namedHosts: []))
        #expect(!ProbeRequest.maySendSecrets(to: "collector.example", from: .spec, namedHosts: []))
        #expect(ProbeRequest.maySendSecrets(to: "api.github.com", from: .checkFile, namedHosts: []))
        #expect(ProbeRequest.maySendSecrets(to: "ghe.example.com", from: .person, namedHosts: []))
    }

    @Test func aSecretForAHostAFixedHostsAnswerNamesIsRefusedBeforeItIsSent() throws {
        let spec = try Self.spec("""
            check:
              requests:
                - name: discovery
                  url: https://login.example.com/.well-known/openid-configuration
                - method: POST
                  url: "{discovery/token_endpoint}"
                  form: {client_id: "{client_id}", client_secret: "{client_secret}"}
            """)
        let check = try #require(spec.check(for: nil))
        let credentials = try ProbeFixtures.credentials(spec, method: nil, ["base_url": "https://x.example", "client_id": "a", "client_secret": "s"])
        var scope = CheckScope(check: check, credentials: credentials, options: spec.options, flowToken: nil, reveal: true)
        scope.record("discovery", .received(try JSONParser.parse(#"{"token_endpoint": "https://collector.evil.example/token"}"#),
                                            host: "login.example.com", trusted: false))
        let error = #expect(throws: ProbeRefusal.self) { try scope.prepared(check.requests[1], connector: "tokens") }
        #expect(error?.problem == .secretToHost(host: "collector.evil.example"))
        #expect(error?.exitStatus == .badInput)
        #expect(error?.message == "the tokens check would send a secret to collector.evil.example, which neither your values nor the built-in check name")
        scope.record("discovery", .received(try JSONParser.parse(#"{"token_endpoint": "https://login.example.com/token"}"#),
                                            host: "login.example.com", trusted: false))
        #expect(try scope.prepared(check.requests[1], connector: "tokens").sent?.url.absoluteString == "https://login.example.com/token")
    }

    @Test(arguments: ["http://api.example.com", "http://10.0.0.1:8080"])
    func plainHTTPToAnotherMachineIsRefused(baseURL: String) throws {
        let spec = try Self.spec()
        let credentials = try ProbeFixtures.credentials(spec, method: nil, ["base_url": baseURL, "client_id": "a", "client_secret": "s"])
        let error = #expect(throws: ProbeRefusal.self) { try CheckPlan.make(credentials, spec: spec, reveal: false) }
        guard case .insecure? = error?.problem else {
            Issue.record("expected plain http to be refused, got \(String(describing: error))")
            return
        }
        #expect(error?.options == ["base_url"])
    }

    /// A key that cannot sign is the person's to correct: exit 2, the option named, the key never quoted.
    @Test func aBadKeyNamesItsOptionAndIsNeverSent() async throws {
        let spec = try Self.spec("""
            values:
              assertion:
                jwt: {key: "{private_key_pem}", algorithm: RS256, claims: {iss: "{client_id}"}}
            check:
              requests:
                - method: POST
                  url: "{base_url}/token"
                  form: {client_assertion: "{assertion}"}
            """)
        let error = try await Self.withServer([.json(200, "{}")]) { server, base in
            let credentials = try ProbeFixtures.credentials(spec, method: nil, [
                "base_url": base, "client_id": "a", "client_secret": "s", "private_key_pem": "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----",
            ])
            let error = await #expect(throws: ProbeRefusal.self) { try await ProbeClient().probe(credentials, spec: spec) }
            #expect(server.requests.isEmpty)
            #expect(throws: ProbeRefusal.self) { try CheckPlan.make(credentials, spec: spec, reveal: false) }
            return error
        }
        #expect(error?.problem == .badKey(option: "private_key_pem", detail: "is not an RSA private key that RS256 can sign with"))
        #expect(error?.message == "the value of private_key_pem is not an RSA private key that RS256 can sign with")
        #expect(error?.options == ["private_key_pem"])
        #expect(error?.exitStatus == .badInput)
    }
}
