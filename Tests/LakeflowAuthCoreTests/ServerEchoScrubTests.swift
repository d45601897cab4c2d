import Foundation
@testable import LakeflowAuthCore
import LoopbackHTTP
import Synchronization
import Testing

/// A property of every path by which server text reaches a person: whatever secret of the ones in play
/// a server echoes, in whatever form (as sent, case swapped, percent-encoded, as a form, base64 and
/// base64url, JSON-escaped, a Basic pair), no form of any secret and no run of eight of its characters
/// reaches the message. The forms are made here with Foundation's encoders, not the scrubber's own.
@Suite(.timeLimit(.minutes(3)))
struct ServerEchoScrubTests {
    /// The secrets of one run, random over characters that each encoding writes differently.
    struct Secrets {
        let apiKey: String
        let clientID: String
        let clientSecret: String
        let refreshToken: String
        let databricksToken: String

        init(seed: UInt64) {
            var random = SeededRandom(seed: seed)
            let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/+=!*'() \"\\:@%&?")
            func secret(_ prefix: String) -> String {
                prefix + String((0..<Int.random(in: 16...28, using: &random)).map { _ in random.pick(alphabet) })
            }
            apiKey = secret("Ak")
            clientID = "app-" + String(seed)
            clientSecret = secret("Cs")
            refreshToken = secret("Rt")
            databricksToken = secret("dapi")
        }

        var basicPairs: [String] {
            [clientID + ":" + clientSecret, Self.percent(clientID) + ":" + Self.percent(clientSecret)]
        }

        static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        static func percent(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text }
    }

    /// How a server could write back what it was sent.
    static let forms: [(String, @Sendable (String) -> String)] = [
        ("as sent", { $0 }),
        ("case swapped", { String($0.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }) }),
        ("upper case", { $0.uppercased() }),
        ("percent-encoded", { Secrets.percent($0) }),
        ("percent-encoded, lower-case hex", { text in
            var out = ""
            for byte in text.utf8 {
                let scalar = Unicode.Scalar(byte)
                out += Secrets.unreserved.contains(scalar) ? String(scalar) : String(format: "%%%02x", byte)
            }
            return out
        }),
        ("form-encoded", { Secrets.percent($0).replacingOccurrences(of: "%20", with: "+") }),
        ("as encodeURIComponent", { $0.addingPercentEncoding(withAllowedCharacters: Secrets.unreserved.union(CharacterSet(charactersIn: "!*'()"))) ?? $0 }),
        ("base64", { Data($0.utf8).base64EncodedString() }),
        ("base64 unpadded", { Data($0.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") }),
        ("base64url", { Data($0.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_") }),
        ("JSON-escaped", { text in
            let encoded = String(decoding: (try? JSONEncoder().encode(text)) ?? Data(), as: UTF8.self)
            return String(encoded.dropFirst().dropLast())
        }),
        ("JSON-escaped, slashes kept", { text in
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            let encoded = String(decoding: (try? encoder.encode(text)) ?? Data(), as: UTF8.self)
            return String(encoded.dropFirst().dropLast())
        }),
    ]

    /// A source whose every answer the test sets.
    final class Source: Sendable {
        private final class Answer: Sendable {
            let current = Mutex<(status: Int, body: JSONValue)>((200, .object([])))
        }

        private let answer = Answer()
        let server: LoopbackServer

        init() {
            let answer = self.answer
            server = LoopbackServer { _ in
                let (status, body) = answer.current.withLock { $0 }
                return .respond(HTTPResponse(status: status, headers: [("Content-Type", "application/json")],
                                             body: Data(body.serialized().utf8)))
            }
        }

        func answer(_ status: Int, _ members: [(String, String)]) {
            answer.current.withLock { $0 = (status, .object(members.map { ($0.0, .string($0.1)) })) }
        }
    }

    static let specText = """
        display_name: Echo
        options:
          - name: base_url
            type: url
            required: true
          - name: api_key
            secret: true
            required: true
          - name: client_id
            required: true
          - name: client_secret
            secret: true
            required: true
          - name: refresh_token
            secret: true
        oauth:
          flow: u2m
          authorization_url: "{base_url}/authorize"
          token_url: "{base_url}/token"
        probe:
          url: "{base_url}/me"
          auth:
            type: header
            name: X-Api-Key
            value: "{api_key}"
          identity: /user
        """

    /// One path from a server's text to a person: it makes the server say `echo` and returns what the
    /// person is shown, or nil when the path ended without a message (a test failure).
    struct Path: Sendable {
        let name: String
        /// Words the message has whatever the echo, so a path that shows nothing cannot pass.
        let marker: String
        /// The secrets the path's requests carry: what a server could echo there.
        let inPlay: @Sendable (Secrets) -> [String]
        let run: @Sendable (_ source: Source, _ url: URL, _ secrets: Secrets, _ echo: String) async -> String?
    }

    static func credentials(_ url: URL, _ secrets: Secrets, refresh: Bool) -> Credentials {
        Credentials(connector: "echo", authMethod: nil, values: [
            ("base_url", .string(url.absoluteString)), ("api_key", .string(secrets.apiKey)),
            ("client_id", .string(secrets.clientID)), ("client_secret", .string(secrets.clientSecret)),
        ] + (refresh ? [("refresh_token", .string(secrets.refreshToken))] : []))
    }

    static func shown(_ error: Error) -> String {
        guard let error = error as? UserFacingError else { return "not a user-facing error: \(error)" }
        return ([error.message] + error.hints).joined(separator: "\n")
    }

    static let paths: [Path] = [
        Path(name: "the probe's message", marker: "rejected", inPlay: { [$0.apiKey, $0.clientSecret, $0.refreshToken] }) { source, url, secrets, echo in
            source.answer(401, [("message", echo)])
            let spec = try? SpecLoader.load(text: specText, path: "echo/options.yaml")
            guard let spec, let result = try? await ProbeClient().probe(credentials(url, secrets, refresh: true), spec: spec) else { return nil }
            return result.message + "\n" + (result.serverDetail ?? "")
        },
        Path(name: "the probe's identity", marker: "connected", inPlay: { [$0.apiKey, $0.clientSecret, $0.refreshToken] }) { source, url, secrets, echo in
            source.answer(200, [("user", "alice " + echo)])
            let spec = try? SpecLoader.load(text: specText, path: "echo/options.yaml")
            guard let spec, let result = try? await ProbeClient().probe(credentials(url, secrets, refresh: true), spec: spec) else { return nil }
            return result.message + "\n" + (result.identity ?? "")
        },
        Path(name: "the token endpoint's error", marker: "refused the token request",
             inPlay: { [$0.apiKey, $0.clientSecret, $0.refreshToken] + $0.basicPairs }) { source, url, secrets, echo in
            source.answer(400, [("error", "bad_request " + echo), ("error_description", "about " + echo)])
            guard let spec = try? SpecLoader.load(text: specText, path: "echo/options.yaml") else { return nil }
            do {
                _ = try await OAuthAuthorization(presenter: nil).authorize(credentials(url, secrets, refresh: true), spec: spec)
                return nil
            } catch {
                return shown(error)
            }
        },
        Path(name: "the callback's error", marker: "refused the authorization",
             inPlay: { [$0.apiKey, $0.clientSecret] + $0.basicPairs }) { _, url, secrets, echo in
            guard let spec = try? SpecLoader.load(text: specText, path: "echo/options.yaml") else { return nil }
            let presenter: OAuthAuthorization.Presenter = { link in
                let query = URLComponents(url: link, resolvingAgainstBaseURL: false)?.queryItems ?? []
                guard let redirect = query.first(where: { $0.name == "redirect_uri" })?.value,
                      let state = query.first(where: { $0.name == "state" })?.value,
                      let callback = URL(string: redirect + "?error=" + Secrets.percent("server_error " + echo)
                                         + "&error_description=" + Secrets.percent("about " + echo) + "&state=" + Secrets.percent(state))
                else { return }
                Task { _ = await HTTPClient().send(.init(url: callback), timeout: .seconds(5), responseLimit: 1 << 16) }
            }
            do {
                _ = try await OAuthAuthorization(presenter: presenter, callbackTimeout: .seconds(10))
                    .authorize(credentials(url, secrets, refresh: false), spec: spec)
                return nil
            } catch {
                return shown(error)
            }
        },
        Path(name: "Databricks' error", marker: "Databricks refused to create connection",
             inPlay: { [$0.databricksToken, $0.apiKey] }) { source, url, secrets, echo in
            source.answer(400, [("error_code", "INVALID_PARAMETER_VALUE " + echo), ("message", "option " + echo + " is wrong")])
            let workspace = DatabricksWorkspace(host: url, authentication: .token(secrets.databricksToken), source: "a test")
            guard let connection = try? UnityCatalogConnection(name: "echo_prod", comment: nil,
                                                               envelope: Sample.envelope(apiKey: secrets.apiKey), spec: Sample.spec)
            else { return nil }
            do {
                _ = try await UnityCatalogClient(workspace: workspace, timeout: .seconds(5)).create(connection)
                return nil
            } catch {
                return shown(error)
            }
        },
        Path(name: "a service principal's token error", marker: "Databricks refused to give the service principal a token",
             inPlay: { [$0.clientSecret] + $0.basicPairs }) { source, url, secrets, echo in
            source.answer(401, [("error", "invalid_client"), ("error_description", "client " + echo + " unknown")])
            let workspace = DatabricksWorkspace(host: url, authentication: .servicePrincipal(clientID: secrets.clientID,
                                                                                             clientSecret: secrets.clientSecret),
                                                source: "a test")
            guard let connection = try? UnityCatalogConnection(name: "echo_prod", comment: nil,
                                                               envelope: Sample.envelope(apiKey: secrets.apiKey), spec: Sample.spec)
            else { return nil }
            do {
                _ = try await UnityCatalogClient(workspace: workspace, timeout: .seconds(5)).create(connection)
                return nil
            } catch {
                return shown(error)
            }
        },
    ]

    /// What must not be in a message: every secret and Basic pair in every form, and every run of
    /// eight characters of a secret (a pair's runs may be the client ID alone, which is no secret),
    /// compared without case.
    static func leak(in text: String, of secrets: [String]) -> String? {
        let shown = text.lowercased()
        for secret in secrets {
            for (name, form) in forms where shown.contains(form(secret).lowercased()) {
                return "\(name) form of \(secret)"
            }
        }
        for secret in secrets where !secret.hasPrefix("app-") {
            let characters = Array(secret.lowercased())
            for start in 0...(characters.count - 8) where shown.contains(String(characters[start..<start + 8])) {
                return "a run of \(secret)"
            }
        }
        return nil
    }

    @Test(arguments: paths.indices)
    func noFormOfASecretInPlayReachesTheMessage(path index: Int) async throws {
        let path = Self.paths[index]
        let source = Source()
        let url = try await source.server.start()
        defer { Task { await source.server.stop() } }
        for seed in [UInt64(21), 2021] {
            let secrets = Secrets(seed: seed)
            let inPlay = path.inPlay(secrets)
            for secret in inPlay {
                for (formName, form) in Self.forms {
                    let echo = form(secret)
                    let text = try #require(await path.run(source, url, secrets, echo), "\(path.name): no message")
                    #expect(text.contains(path.marker), "\(path.name), \(formName): \(text)")
                    #expect(Self.leak(in: text, of: inPlay) == nil, "\(path.name), \(formName) of \(secret): \(text)")
                }
            }
        }
    }
}
