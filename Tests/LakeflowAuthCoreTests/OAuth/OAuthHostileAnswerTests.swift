import FakeOAuthProvider
import Foundation
@testable import LakeflowAuthCore
import Testing

/// What a local process, a web page that guesses the callback's port, or a provider that answers oddly
/// can do to a sign-in: none of it ends the run early or sends a token it should not.
@Suite(.timeLimit(.minutes(1)))
struct OAuthHostileAnswerTests {
    static func get(_ url: URL, host: String? = nil) async throws -> HTTPClient.Response {
        let request = HTTPClient.Request(url: url, headers: host.map { [("Host", $0)] } ?? [])
        guard case let .success(response) = await HTTPClient().send(request, timeout: .seconds(5), responseLimit: 1 << 16) else {
            throw POSIXError(.ECONNREFUSED)
        }
        return response
    }

    @Test func aCallbackWithAnotherStateOrHostIsRefusedWithAPageAndTheRealOneStillDecides() async throws {
        let listener = try await OAuthCallbackListener.start(redirect: .standard, providerHost: "id.example", expectedState: "the-state-1f2e")
        defer { Task { await listener.stop() } }
        let callback = try #require(URL(string: listener.redirectURI))
        let port = try #require(callback.port)
        let waiting = Task { try await listener.code(within: .seconds(20)) }

        let forged = try await Self.get(try #require(URL(string: listener.redirectURI + "?code=evil&state=forged")))
        #expect(forged.status == 400)
        #expect(forged.header("X-Content-Type-Options") == "nosniff")
        #expect(String(decoding: forged.body, as: UTF8.self).contains("still waits for the real one"))
        let noState = try await Self.get(try #require(URL(string: listener.redirectURI + "?error=access_denied")))
        #expect(noState.status == 400)
        for host in ["evil.example:\(port)", "127.0.0.1:\(port + 1)", "localhost.evil:\(port)"] {
            let rebound = try await Self.get(try #require(URL(string: listener.redirectURI + "?code=evil&state=the-state-1f2e")), host: host)
            #expect(rebound.status == 421, "\(host)")
            #expect(rebound.header("X-Content-Type-Options") == "nosniff")
        }

        // The real callback's page is held until the flow says what came of its code.
        let realURL = try #require(URL(string: listener.redirectURI + "?code=real-code&state=the-state-1f2e"))
        let real = Task { try await Self.get(realURL) }
        #expect(try await waiting.value == "real-code")
        await listener.settle(.authorized)
        let page = try await real.value
        #expect(page.status == 200)
        #expect(page.header("X-Content-Type-Options") == "nosniff")
    }

    @Test func aCodeFlowOutlivesAForgedCallbackAndSavesWhatTheRealOneGranted() async throws {
        try await OAuthFixtures.withProvider { _, url in
            let store = TemporaryStore()
            let forgedPage = ForgedPage()
            let presenter: OAuthAuthorization.Presenter = { link in
                Task {
                    // A page that guessed the port gets there first, with a state of its own.
                    let redirect = URLComponents(url: link, resolvingAgainstBaseURL: false)?.queryItems?
                        .first { $0.name == "redirect_uri" }?.value ?? ""
                    if let forged = URL(string: redirect + "?code=evil-code&state=forged-state") {
                        forgedPage.status = (try? await Self.get(forged))?.status
                    }
                    _ = await FakeOAuthProvider.browse(link)
                }
            }
            let session = try await OAuthFlowTests.codeFlowSession(store, provider: url,
                                                                   authorization: OAuthAuthorization(presenter: presenter))
            let snapshot = await OAuthFlowTests.submitted(session)
            guard case .saved = snapshot.state else { Issue.record("not saved: \(snapshot.state)"); return }
            #expect(forgedPage.status == 400)
            #expect(try store.store().open("oauth_demo").oauth != nil)
        }
    }

    struct OddGrant: Sendable, CustomStringConvertible {
        let name: String
        let behaviour: FakeOAuthProvider.Behaviour
        let says: String
        var description: String { name }
    }

    static let oddGrants: [OddGrant] = {
        func with(_ change: (inout FakeOAuthProvider.Behaviour) -> Void) -> FakeOAuthProvider.Behaviour {
            var behaviour = FakeOAuthProvider.Behaviour()
            change(&behaviour)
            return behaviour
        }
        return [
            OddGrant(name: "a mac token", behaviour: with { $0.tokenType = "mac" },
                     says: "granted a \"mac\" token, and only Bearer tokens can be sent"),
            OddGrant(name: "a token with CR LF", behaviour: with { $0.accessTokenSuffix = "\r\nX-Injected: yes" },
                     says: "holds a control character"),
            OddGrant(name: "a token with a line feed", behaviour: with { $0.accessTokenSuffix = "\n" },
                     says: "holds a control character"),
        ]
    }()

    /// The answer is the provider's fault, not the input's: exit 4, and nothing is sent with the token.
    @Test(arguments: oddGrants)
    func aGrantNoRequestCouldCarryIsAnUnusableAnswer(_ odd: OddGrant) async throws {
        try await OAuthFixtures.withProvider(odd.behaviour) { provider, url in
            let session = try await OAuthFlowTests.codeFlowSession(TemporaryStore(), provider: url,
                                                                   authorization: OAuthAuthorization(presenter: nil))
            _ = await session.set("refresh_token", provider.issueRefreshToken())
            let failure = try #require(OAuthFlowTests.failure(await OAuthFlowTests.submitted(session)))
            #expect(failure.exitStatus == .unreachable, "\(failure.message)")
            #expect(failure.message.contains(odd.says), "\(failure.message)")
        }
    }
}

private final class ForgedPage: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int?
    var status: Int? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
