import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// Every probe outcome, against the real Acme sandbox on 127.0.0.1.
@Suite(.timeLimit(.minutes(1)))
struct ProbeSandboxTests {
    let client = ProbeClient()

    @Test func validKeyConnectsAndNamesTheAccount() async throws {
        try await ProbeFixtures.withSandbox { server, url in
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .verified)
            #expect(result.status == 200)
            #expect(result.identity == "Demo Analyst")
            #expect(result.exitStatus == .success)
            let latency = try #require(result.latency)
            #expect(latency > .zero && latency < .seconds(5))
            #expect(result.message.hasPrefix("connected to Acme as Demo Analyst (HTTP 200, "))
            #expect(await server.requestCount == 1)
        }
    }

    @Test func basicAuthConnects() async throws {
        try await ProbeFixtures.withSandbox { _, url in
            let result = try await client.probe(try ProbeFixtures.acmeUser("demo", "demo-password", baseURL: url),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .verified)
            #expect(result.identity == "Demo Analyst")
        }
    }

    @Test func wrongKeyIsRejectedAndConcernsTheKey() async throws {
        try await ProbeFixtures.withSandbox { _, url in
            let spec = try ProbeFixtures.spec("acme")
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-wrong-key", baseURL: url), spec: spec)
            #expect(result.outcome == .rejected)
            #expect(result.status == 401)
            #expect(result.exitStatus == .rejected)
            #expect(result.concernedOptions == ["api_key"])
            #expect(result.concernedEnvVars(in: spec) == ["ACME_API_KEY"])
            #expect(result.message == "the credentials were rejected by Acme (HTTP 401)")
        }
    }

    @Test func wrongPasswordConcernsBothHalvesOfTheLogin() async throws {
        try await ProbeFixtures.withSandbox { _, url in
            let result = try await client.probe(try ProbeFixtures.acmeUser("demo", "not-it", baseURL: url),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .rejected)
            #expect(result.concernedOptions == ["username", "password"])
        }
    }

    @Test func keyWithoutPermissionIsForbidden() async throws {
        try await ProbeFixtures.withSandbox { _, url in
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-readonly", baseURL: url),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .forbidden)
            #expect(result.status == 403)
            #expect(result.exitStatus == .rejected)
            #expect(result.concernedOptions == ["api_key"])
            #expect(result.message == "the credentials are valid but lack permission at Acme (HTTP 403)")
        }
    }

    @Test func unknownWorkspaceSaysWhichOptionsToCheck() async throws {
        try await ProbeFixtures.withSandbox { _, url in
            let spec = try ProbeFixtures.spec("acme")
            let credentials = try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "no-such-workspace")
            let result = try await client.probe(credentials, spec: spec)
            #expect(result.outcome == .notFound)
            #expect(result.exitStatus == .unreachable)
            #expect(result.concernedOptions == ["base_url", "workspace"])
            #expect(result.message == "nothing found at Acme's address for the check (HTTP 404): check base_url and workspace")
            let envNames = Dictionary(uniqueKeysWithValues: (spec.options).map { ($0.name, $0.envVar) })
            #expect(result.message(naming: { envNames[$0] ?? $0 })
                == "nothing found at Acme's address for the check (HTTP 404): check ACME_BASE_URL and ACME_WORKSPACE")
        }
    }

    @Test func rateLimitingPassesOnRetryAfter() async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["busy": .rateLimited(retryAfterSeconds: 30)])) { _, url in
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "busy"),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .rateLimited(retryAfter: "30"))
            #expect(result.status == 429)
            #expect(result.exitStatus == .unreachable)
            #expect(result.message == "rate limited by Acme (HTTP 429): try again in 30 seconds")
        }
    }

    @Test func serverErrorIsUnreachable() async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["down": .serverError])) { _, url in
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "down"),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .serverError)
            #expect(result.status == 503)
            #expect(result.exitStatus == .unreachable)
            #expect(result.message == "server error at Acme (HTTP 503): try again later")
        }
    }

    @Test func sameOriginRedirectIsFollowedWithTheCredentials() async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["moved": .sameOriginRedirect])) { server, url in
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "moved"),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .verified)
            #expect(result.identity == "Demo Analyst")
            #expect(await server.requestCount == 2)
        }
    }

    @Test func crossOriginRedirectIsNotFollowed() async throws {
        try await ProbeFixtures.withSandbox { other, otherURL in
            let location = otherURL.absoluteString + "/v1/workspaces/demo-workspace/me"
            let configuration = ProbeFixtures.configuration(faults: ["away": .redirect(location: location)])
            try await ProbeFixtures.withSandbox(configuration) { server, url in
                let result = try await client.probe(
                    try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "away"),
                    spec: try ProbeFixtures.spec("acme"))
                #expect(result.outcome == .unexpectedResponse(.redirect))
                #expect(result.status == 302)
                #expect(result.exitStatus == .unreachable)
                #expect(result.message.contains("the credentials stay with 127.0.0.1:\(url.port ?? 0)"))
                #expect(await server.requestCount == 1)
            }
            #expect(await other.requestCount == 0)
        }
    }

    @Test func answerWithoutIdentity() async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["anon": .noIdentity])) { _, url in
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "anon"),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .noIdentity(pointer: "/name"))
            #expect(result.identity == nil)
            #expect(result.exitStatus == .unreachable)
            #expect(result.message == "the credentials work but Acme's answer has no identity at /name")
        }
    }

    @Test func answerThatIsNotJSON() async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["portal": .notJSON])) { _, url in
            let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "portal"),
                                                spec: try ProbeFixtures.spec("acme"))
            #expect(result.outcome == .unexpectedResponse(.notJSON))
            #expect(result.status == 200)
            #expect(result.exitStatus == .unreachable)
            #expect(result.message == "unexpected answer from Acme (HTTP 200): the body is not JSON")
        }
    }

    @Test(arguments: ["api_key", "basic"])
    func echoedSecretsAreScrubbed(method: String) async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["echo": .echoCredentials])) { _, url in
            let spec = try ProbeFixtures.spec("acme")
            let secret = "s3cret value/with+symbols"
            let values = method == "api_key"
                ? ["workspace": "echo", "base_url": url.absoluteString, "api_key": secret]
                : ["workspace": "echo", "base_url": url.absoluteString, "username": "demo", "password": secret]
            let credentials = try ProbeFixtures.credentials(spec, method: method, values)
            let result = try await client.probe(credentials, spec: spec)
            #expect(result.outcome == .rejected)
            let detail = try #require(result.serverDetail)
            #expect(detail.contains("••••"), "the echo reached the detail and was masked")
            let forms = [secret, "s3cret%20value%2Fwith%2Bsymbols", Data(secret.utf8).base64EncodedString(),
                         Data("demo:\(secret)".utf8).base64EncodedString(), "s3cret"]
            let everything = [result.message, detail, result.identity ?? "", String(describing: result)].joined(separator: "\n")
            for form in forms {
                #expect(!everything.contains(form), "\(form.count)-character form of the secret leaked")
            }
        }
    }

    @Test func serverThatNeverAnswersTimesOut() async throws {
        try await ProbeFixtures.withSandbox(ProbeFixtures.configuration(faults: ["stuck": .hang])) { _, url in
            let result = try await client.probe(
                try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: url, workspace: "stuck"),
                spec: try ProbeFixtures.spec("acme"), timeout: .milliseconds(500))
            // The probe's own clock: this test's may also count time spent waiting for a thread.
            let elapsed = try #require(result.latency)
            #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(2))
            #expect(result.outcome == .unreachable(.timedOut(seconds: 0.5)))
            #expect(result.exitStatus == .unreachable)
            #expect(result.concernedOptions == ["base_url"])
            #expect(result.message == "no answer from Acme within 0.5 seconds")
        }
    }

    @Test func closedPortRefusesTheConnection() async throws {
        let closed = try RefusingPort()
        let result = try await client.probe(try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: closed.url),
                                            spec: try ProbeFixtures.spec("acme"), timeout: .seconds(5))
        #expect(result.outcome == .unreachable(.connectionRefused))
        #expect(result.status == nil)
        #expect(result.exitStatus == .unreachable)
        #expect(result.concernedOptions == ["base_url"])
        #expect(result.message == "127.0.0.1:\(closed.url.port ?? 0) refused the connection")
    }

    @Test func plainHTTPToAnotherHostIsRefusedBeforeSending() async throws {
        let credentials = try ProbeFixtures.acmeKey("acme-demo-key-0001", baseURL: URL(string: "http://api.acme.example")!)
        let error = await #expect(throws: ProbeRefusal.self) {
            try await client.probe(credentials, spec: try ProbeFixtures.spec("acme"))
        }
        #expect(error?.problem == .insecure(host: "api.acme.example"))
        #expect(error?.exitStatus == .badInput)
        #expect(error?.options == ["base_url"])
        #expect(error?.message == "the acme probe would send credentials to api.acme.example without https")
    }

    @Test func methodWithoutProbeIsUnverified() async throws {
        let spec = try ProbeFixtures.spec("collibra")
        let credentials = try ProbeFixtures.credentials(
            spec, method: "service_principal", ["org": "example", "client_id": "id", "client_secret": "secret"])
        let result = try await client.probe(credentials, spec: spec)
        #expect(result.outcome == .unverified)
        #expect(result.exitStatus == .success)
        #expect(result.status == nil && result.latency == nil)
        #expect(result.message == "no check is declared for auth method \"service_principal\" of Collibra, so the credentials are unverified")
    }
}
