import AcmeSandbox
import FakeOAuthProvider
import Foundation
@testable import LakeflowAuthCore
import Testing

/// `--redirect-uri`: the address is read loopback-only, the listener takes its port, host and path,
/// and a provider that registered another address gets a hint naming the flag.
@Suite(.timeLimit(.minutes(1)))
struct OAuthRedirectTests {
    @Test(arguments: [
        ("http://localhost:9876/oauth/callback", OAuthRedirect(host: .localhost, port: 9876, path: "/oauth/callback")),
        ("http://127.0.0.1:8080/cb", OAuthRedirect(host: .ipv4Loopback, port: 8080, path: "/cb")),
        ("http://LOCALHOST:9876", OAuthRedirect(host: .localhost, port: 9876, path: "/")),
        ("http://localhost/oauth/callback", OAuthRedirect(host: .localhost, port: nil, path: "/oauth/callback")),
    ])
    func readsALoopbackAddress(_ text: String, _ expected: OAuthRedirect) throws {
        #expect(try OAuthRedirect(text) == expected)
    }

    @Test(arguments: [
        ("https://localhost:9876/oauth/callback", OAuthRedirect.Problem.notPlainHTTP),
        ("http://example.com:9876/oauth/callback", .notLoopback(host: "example.com")),
        ("http://10.0.0.5:9876/oauth/callback", .notLoopback(host: "10.0.0.5")),
        ("http://[::1]:9876/oauth/callback", .notLoopback(host: "::1")),
        ("http://localhost:9876/oauth/callback?x=1", .hasQuery),
        ("http://localhost:9876/oauth/callback#top", .hasQuery),
        ("http://localhost:0/oauth/callback", .portZero),
        ("http://localhost:99999/oauth/callback", .notURL),
        ("http://user@localhost:9876/oauth/callback", .notURL),
        ("localhost:9876", .notURL),
        ("", .notURL),
    ])
    func refusesAnythingElseSayingWhy(_ text: String, _ problem: OAuthRedirect.Problem) {
        #expect(throws: problem) { try OAuthRedirect(text) }
        #expect(problem.message.hasPrefix("--redirect-uri "))
    }

    @Test func theFlowListensOnTheGivenPortAndPathAndTheProviderIsToldTheGivenHost() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            let port = try Self.freePort()
            let redirect = OAuthRedirect(host: .localhost, port: port, path: "/registered/back")
            let browser = FollowingPresenter()
            let session = try await OAuthFlowTests.codeFlowSession(TemporaryStore(), provider: url,
                                                                   authorization: OAuthAuthorization(presenter: browser.presenter, redirect: redirect))
            guard case .saved = await OAuthFlowTests.submitted(session).state else { Issue.record("not saved"); return }
            #expect(provider.authorizationQueries.first?["redirect_uri"] == "http://localhost:\(port)/registered/back")
        }
    }

    @Test func aTakenPortIsBadInputNamingThePortAndTheFlag() async throws {
        try await OAuthFixtures.withProvider { provider, url in
            // The provider itself holds its port.
            let taken = try #require(url.port.map(UInt16.init))
            let browser = FollowingPresenter(follows: false)
            let session = try await OAuthFlowTests.codeFlowSession(
                TemporaryStore(), provider: url,
                authorization: OAuthAuthorization(presenter: browser.presenter,
                                                  redirect: OAuthRedirect(host: .ipv4Loopback, port: taken, path: "/oauth/callback")))
            let failure = try #require(OAuthFlowTests.failure(await OAuthFlowTests.submitted(session)))
            #expect(failure.exitStatus == .badInput)
            #expect(failure.message == "cannot listen for the authorization callback on 127.0.0.1:\(taken): the port is taken or not allowed")
            #expect(failure.hints.joined().contains("--redirect-uri"))
            #expect(browser.urls.isEmpty && provider.tokenRequests.isEmpty)
        }
    }

    struct Mismatch: Sendable, CustomStringConvertible {
        let name: String
        let goesBack: Bool
        var description: String { name }
    }

    /// GitHub sends the browser back with `error=redirect_uri_mismatch`; a token endpoint may answer it
    /// too. Either way the message names the address used and the hint the flag.
    @Test func aRegisteredAddressOtherThanThisRunsGetsAHintNamingTheFlag() async throws {
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.registeredRedirectURI = "http://localhost:9876/oauth/callback"
        behaviour.mismatchGoesBack = true
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let session = try await OAuthFlowTests.codeFlowSession(TemporaryStore(), provider: url,
                                                                   authorization: OAuthAuthorization(presenter: FollowingPresenter().presenter))
            let failure = try #require(OAuthFlowTests.failure(await OAuthFlowTests.submitted(session)))
            #expect(failure.exitStatus == .rejected)
            #expect(failure.message.hasPrefix("127.0.0.1 refused the redirect address http://127.0.0.1:"))
            #expect(failure.message.contains("(redirect_uri_mismatch)"))
            #expect(failure.hints.contains { $0.contains("--redirect-uri") && $0.contains("http://localhost:9876/oauth/callback") })
            #expect(failure.concernedOptions.isEmpty)
            #expect(provider.tokenRequests.isEmpty)
        }
    }

    @Test func aTokenEndpointsMismatchIsToldTheSameWay() {
        let refused = OAuthError.tokenRefused(error: "redirect_uri_mismatch", description: "Bad Request", host: "oauth2.googleapis.com")
        let told = refused.naming(redirectURI: "http://127.0.0.1:5000/oauth/callback")
        #expect(told == .redirectMismatch(error: "redirect_uri_mismatch", description: "Bad Request", host: "oauth2.googleapis.com",
                                          redirectURI: "http://127.0.0.1:5000/oauth/callback"))
        let microsoft = OAuthError.tokenRefused(error: "invalid_request",
                                                description: "AADSTS50011: The redirect URI specified in the request does not match",
                                                host: "login.microsoftonline.com")
        guard case .redirectMismatch = microsoft.naming(redirectURI: "http://localhost:1/cb") else {
            Issue.record("Microsoft's mismatch not recognized"); return
        }
        let other = OAuthError.tokenRefused(error: "invalid_grant", description: "unknown code", host: "id.example")
        #expect(other.naming(redirectURI: "http://localhost:1/cb") == other)
    }

    @Test func theRegisteredAddressWorks() async throws {
        let port = try Self.freePort()
        var behaviour = FakeOAuthProvider.Behaviour()
        behaviour.registeredRedirectURI = "http://localhost:\(port)/oauth/callback"
        try await OAuthFixtures.withProvider(behaviour) { provider, url in
            let session = try await OAuthFlowTests.codeFlowSession(
                TemporaryStore(), provider: url,
                authorization: OAuthAuthorization(presenter: FollowingPresenter().presenter,
                                                  redirect: try OAuthRedirect("http://localhost:\(port)/oauth/callback")))
            guard case .saved = await OAuthFlowTests.submitted(session).state else { Issue.record("not saved"); return }
            #expect(provider.tokenRequests.map(\.grant) == ["authorization_code"])
        }
    }

    /// A port nobody holds a moment ago; the test that uses it takes it at once.
    static func freePort() throws -> UInt16 {
        let held = try RefusingPort()
        return try #require(held.url.port.map(UInt16.init))
    }
}
