import FoundationEssentials
import LoopbackHTTP
import Synchronization

/// The redirect target of the code flow (`OAuthRedirect`: `http://127.0.0.1:PORT/oauth/callback` on a
/// free port unless the person gave one), served by the tool's one loopback server. The first answer
/// that carries this run's `state` (or any `error`, `code` or `state` at all) decides, whether the
/// browser brings it here or the person pastes the address the browser ended on (`take(pasted:)`);
/// requests with none of them (a prefetch, a reload of the bare address) are answered and ignored,
/// and everything after the decision is told it came too late. Only a request to the registered
/// address (its `Host`) that carries this run's `state` decides: any other local process, or a web
/// page that guesses the port, can neither end the run nor learn anything, so a callback with another
/// state is refused with a page and the wait goes on until the real one or the timeout. What the
/// provider says (`error`, `error_description`) passes the scrubber of the secrets in play before
/// anyone reads it.
///
/// The deciding page is held open until the flow has redeemed the code (`settle`), so it says
/// "authorized" only once the token endpoint has granted, and what failed when it has not.
/// With a return address, that answer sends the browser on to it: by a `Refresh` header, not a
/// redirect, so the next page is asked for by this loopback page and not by the provider's redirect
/// chain, and a `SameSite=Strict` cookie of the page it returns to goes along.
final class OAuthCallbackListener: Sendable {
    /// How long `settle` waits for the held page to take its answer: it is resumed at once, so this
    /// only bounds a connection the browser dropped meanwhile.
    static let pageHandOver: Duration = .seconds(2)

    private let server: LoopbackServer
    private let outcomes: AsyncStream<Result<String, OAuthError>>
    private let shared: Shared
    let redirectURI: String

    private init(server: LoopbackServer, outcomes: AsyncStream<Result<String, OAuthError>>, shared: Shared, redirectURI: String) {
        self.server = server
        self.outcomes = outcomes
        self.shared = shared
        self.redirectURI = redirectURI
    }

    static func start(redirect: OAuthRedirect, providerHost: String, expectedState: String, returnAddress: URL? = nil,
                      scrubber: SecretScrubber = SecretScrubber()) async throws(OAuthError) -> OAuthCallbackListener {
        let (outcomes, continuation) = AsyncStream.makeStream(of: Result<String, OAuthError>.self)
        let shared = Shared(continuation: continuation, expectedState: expectedState, providerHost: providerHost, scrubber: scrubber)
        let path = redirect.path
        // Known once the server listens; nothing can be sent to it before the link shows its address.
        let authority = Mutex<String?>(nil)
        let server = LoopbackServer { request in
            guard let expected = authority.withLock({ $0 }), request.header("host")?.lowercased() == expected else {
                return .respond(CallbackPage.plain(421, "this is not the address lakeflow-auth gave the provider"))
            }
            guard request.path == path else { return .respond(CallbackPage.plain(404, "not found")) }
            guard request.method == "GET" else { return .respond(CallbackPage.plain(405, "method not allowed")) }
            let answer = OAuthCallbackAnswer(query: request.rawQuery ?? "", expectedState: expectedState,
                                             providerHost: providerHost, scrubber: scrubber)
            switch answer {
            case .nothing:
                return .respond(CallbackPage.plain(200, "waiting for the authorization at \(providerHost)"))
            case .otherState:
                return .respond(CallbackPage.plain(400, "this callback does not carry the state of the sign-in lakeflow-auth is "
                                                   + "waiting for, so it was ignored; lakeflow-auth still waits for the real one"))
            case .decided: break
            }
            guard case let .decided(outcome) = answer, shared.decide(outcome, heldPage: true) else {
                return .respond(CallbackPage.plain(409, "this authorization was already answered; go back to lakeflow-auth"))
            }
            var page: HTTPResponse
            switch outcome {
            case .success:
                guard let verdict = await shared.verdict() else { return .respond(CallbackPage.plain(503, "lakeflow-auth stopped waiting")) }
                page = verdict.response
            case let .failure(error):
                page = CallbackPage.failed(error.message).response
            }
            if let returnAddress {
                page.body.append(Data("\ngoing back to \(returnAddress.absoluteString)".utf8))
                // The callback's address holds the code: the page it returns to is not told it.
                page.headers += [("Refresh", "0;url=\(returnAddress.absoluteString)")]
            }
            shared.pageAnswered()
            return .respond(page)
        }
        let base: URL
        do {
            base = try await server.start(port: redirect.port ?? 0)
        } catch {
            if let port = redirect.port { throw .redirectPortUnavailable(port: port) }
            throw .callbackUnavailable(String(describing: error))
        }
        let port = UInt16(base.port ?? 0)
        authority.withLock { $0 = "\(redirect.host.rawValue):\(port)" }
        return OAuthCallbackListener(server: server, outcomes: outcomes, shared: shared, redirectURI: redirect.uri(port: port))
    }

    /// The address the browser ended on, pasted: decides as the callback would, but another run's
    /// state, or text that is no redirect, is refused and the wait goes on.
    func take(pasted text: String) throws(PastedRedirectRefusal) {
        switch OAuthCallbackAnswer(pasted: text, expectedState: shared.expectedState, providerHost: shared.providerHost,
                                   scrubber: shared.scrubber) {
        case .nothing: throw .notARedirect
        case .otherState: throw .otherState
        case let .decided(outcome):
            guard shared.decide(outcome, heldPage: false) else { throw .alreadyAnswered }
        }
    }

    /// The code of the first decisive answer.
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

    /// Tells the page held open what came of the code, and returns once it has its answer.
    func settle(_ page: CallbackPage) async {
        guard shared.settle(page) else { return }
        let answered = shared.answered
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in answered { return } }
            group.addTask { try? await Task.sleep(for: Self.pageHandOver) }
            await group.next()
            group.cancelAll()
        }
    }

    func stop() async {
        shared.abandon()
        await server.stop()
    }

    /// What the server's handler and the flow share: who decided, and the held page's answer.
    private final class Shared: Sendable {
        let expectedState: String
        let providerHost: String
        let scrubber: SecretScrubber
        private let continuation: AsyncStream<Result<String, OAuthError>>.Continuation
        private let decision = Mutex(Decision.open)
        private let verdicts: AsyncStream<CallbackPage>
        private let verdictContinuation: AsyncStream<CallbackPage>.Continuation
        let answered: AsyncStream<Void>
        private let answeredContinuation: AsyncStream<Void>.Continuation

        enum Decision {
            case open
            /// By the callback, whose page waits for `settle` when it brought a code.
            case byCallback(holdsPage: Bool)
            case byPaste
        }

        init(continuation: AsyncStream<Result<String, OAuthError>>.Continuation, expectedState: String, providerHost: String,
             scrubber: SecretScrubber) {
            self.continuation = continuation
            self.expectedState = expectedState
            self.providerHost = providerHost
            self.scrubber = scrubber
            (verdicts, verdictContinuation) = AsyncStream.makeStream(of: CallbackPage.self, bufferingPolicy: .bufferingNewest(1))
            (answered, answeredContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }

        /// True for the first decisive answer only, which ends the wait.
        func decide(_ outcome: Result<String, OAuthError>, heldPage: Bool) -> Bool {
            let first = decision.withLock { decision in
                guard case .open = decision else { return false }
                let holdsPage = heldPage && (try? outcome.get()) != nil
                decision = heldPage ? .byCallback(holdsPage: holdsPage) : .byPaste
                return true
            }
            guard first else { return false }
            continuation.yield(outcome)
            continuation.finish()
            return true
        }

        /// The held page's answer, nil when the flow stopped without one.
        func verdict() async -> CallbackPage? {
            for await page in verdicts { return page }
            return nil
        }

        /// False when no page is held, so nobody is to be waited for.
        func settle(_ page: CallbackPage) -> Bool {
            verdictContinuation.yield(page)
            verdictContinuation.finish()
            return decision.withLock { decision in
                if case .byCallback(holdsPage: true) = decision { return true }
                return false
            }
        }

        func pageAnswered() {
            answeredContinuation.yield()
            answeredContinuation.finish()
        }

        func abandon() {
            verdictContinuation.finish()
        }
    }
}

/// What the callback's page says once the flow knows what came of the code. No secret reaches it:
/// a failure is told by `OAuthError`'s message, whose provider texts are cut short and stripped, and
/// the code, verifier and client secret of the run are scrubbed from it besides.
enum CallbackPage: Sendable {
    /// The token endpoint granted.
    case authorized
    /// The code goes on unredeemed (to Unity Catalog, which redeems it itself).
    case received
    case failed(String)

    var response: HTTPResponse {
        switch self {
        case .authorized: return Self.plain(200, "authorized: you can close this tab and go back to lakeflow-auth")
        case .received: return Self.plain(200, "signed in: you can close this tab and go back to lakeflow-auth")
        case let .failed(message): return Self.plain(400, "not authorized: \(message)")
        }
    }

    /// Every answer of the callback is plain text the browser must not read as anything else, kept
    /// nowhere, and tells no page it leads to where it came from (its address may hold a code).
    static func plain(_ status: Int, _ text: String) -> HTTPResponse {
        var response = HTTPResponse.text(status, text)
        response.headers += [("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"), ("Referrer-Policy", "no-referrer")]
        return response
    }
}
