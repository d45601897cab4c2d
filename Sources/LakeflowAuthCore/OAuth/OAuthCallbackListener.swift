import Foundation
import LoopbackHTTP
import Synchronization

/// The redirect target of the code flow, `http://127.0.0.1:PORT/oauth/callback` on a free port, served
/// by the tool's one loopback server. Only a request to that address (its `Host` as registered) that
/// carries this run's `state` decides, with its `code` or its `error`: any other local process, or a
/// web page that guesses the port, can neither end the run nor learn anything, so a callback with
/// another state is refused with a page and the wait goes on until the real one or the timeout.
/// Requests with no `code`, `error` or `state` (a prefetch, a reload of the bare address) are answered
/// and ignored, and everything after the decision is told it came too late. What the provider says
/// (`error`, `error_description`) passes the scrubber of the secrets in play before anyone reads it.
/// With a return address, the decisive answer sends the browser on to it: by a `Refresh` header, not a
/// redirect, so the next page is asked for by this loopback page and not by the provider's redirect
/// chain, and a `SameSite=Strict` cookie of the page it returns to goes along.
final class OAuthCallbackListener: Sendable {
    static let path = "/oauth/callback"

    private let server: LoopbackServer
    private let outcomes: AsyncStream<Result<String, OAuthError>>
    let redirectURI: String

    private init(server: LoopbackServer, outcomes: AsyncStream<Result<String, OAuthError>>, redirectURI: String) {
        self.server = server
        self.outcomes = outcomes
        self.redirectURI = redirectURI
    }

    static func start(providerHost: String, expectedState: String, returnAddress: URL? = nil,
                      scrubber: SecretScrubber = SecretScrubber()) async throws(OAuthError) -> OAuthCallbackListener {
        let (outcomes, continuation) = AsyncStream.makeStream(of: Result<String, OAuthError>.self)
        let decided = Decision()
        // Known once the server listens; nothing can be sent to it before the link shows its address.
        let authority = Mutex<String?>(nil)
        let server = LoopbackServer { request in
            guard let expected = authority.withLock({ $0 }), request.header("host")?.lowercased() == expected else {
                return .respond(page(421, "this is not the address lakeflow-auth gave the provider"))
            }
            guard request.path == Self.path else { return .respond(page(404, "not found")) }
            guard request.method == "GET" else { return .respond(page(405, "method not allowed")) }
            let query = FormURLEncoded.decode(Array((request.rawQuery ?? "").utf8)) ?? []
            let fields = Dictionary(query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            guard fields["code"] != nil || fields["error"] != nil || fields["state"] != nil else {
                return .respond(page(200, "waiting for the authorization at \(providerHost)"))
            }
            guard fields["state"] == expectedState else {
                return .respond(page(400, "this callback does not carry the state of the sign-in lakeflow-auth is waiting for, "
                                     + "so it was ignored; lakeflow-auth still waits for the real one"))
            }
            let outcome: Result<String, OAuthError>
            if let error = fields["error"] {
                let scrubber = scrubber.adding(secrets: fields["code"].map { [$0] } ?? [])
                outcome = .failure(.deniedAtCallback(error: scrubber.shown(error, limit: OAuthError.codeLimit),
                                                     description: fields["error_description"].map {
                                                         scrubber.shown($0, limit: OAuthError.descriptionLimit)
                                                     },
                                                     host: providerHost))
            } else if let code = fields["code"], !code.isEmpty {
                outcome = .success(code)
            } else {
                outcome = .failure(.callbackWithoutCode)
            }
            guard decided.take() else { return .respond(page(409, "this authorization was already answered; go back to lakeflow-auth")) }
            continuation.yield(outcome)
            continuation.finish()
            var answer: HTTPResponse
            switch outcome {
            case .success: answer = page(200, "authorized: you can close this tab and go back to lakeflow-auth")
            case let .failure(error): answer = page(400, "not authorized: \(error.message)")
            }
            if let returnAddress {
                answer.body.append(Data("\ngoing back to \(returnAddress.absoluteString)".utf8))
                // The callback's address holds the code: the page it returns to is not told it.
                answer.headers += [("Refresh", "0;url=\(returnAddress.absoluteString)")]
            }
            return .respond(answer)
        }
        let base: URL
        do {
            base = try await server.start()
        } catch {
            throw .callbackUnavailable(String(describing: error))
        }
        authority.withLock { $0 = "\(base.host ?? "127.0.0.1"):\(base.port ?? 0)" }
        return OAuthCallbackListener(server: server, outcomes: outcomes, redirectURI: base.absoluteString + path)
    }

    /// Every answer is plain text the browser must not read as anything else, kept nowhere, and tells
    /// no page it leads to where it came from (its address may hold a code).
    private static func page(_ status: Int, _ text: String) -> HTTPResponse {
        var response = HTTPResponse.text(status, text)
        response.headers += [("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"), ("Referrer-Policy", "no-referrer")]
        return response
    }

    /// The code of the first decisive callback.
    func code(within timeout: Duration) async throws -> String {
        let outcomes = self.outcomes
        let result = try await withThrowingTaskGroup(of: Result<String, OAuthError>?.self) { group in
            group.addTask {
                for await outcome in outcomes { return outcome }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return .failure(.noCallback(seconds: Int(timeout.components.seconds)))
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
        guard let result else { throw CancellationError() }
        return try result.get()
    }

    func stop() async {
        await server.stop()
    }

    /// Whether a callback has decided the run yet: only the first may.
    private final class Decision: Sendable {
        private let taken = Mutex(false)

        /// True for the first caller only.
        func take() -> Bool {
            taken.withLock { taken in
                defer { taken = true }
                return !taken
            }
        }
    }
}
