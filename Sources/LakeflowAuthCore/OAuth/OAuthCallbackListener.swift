import Foundation
import LoopbackHTTP
import Synchronization

/// The redirect target of the code flow, `http://127.0.0.1:PORT/oauth/callback` on a free port, served
/// by the tool's one loopback server. The first callback that carries this run's `state` (or any
/// `error`, `code` or `state` at all) decides; requests with none of them (a prefetch, a reload of the
/// bare address) are answered and ignored, and everything after the decision is told it came too late.
/// With a return address, the decisive answer sends the browser on to it: by a `Refresh` header, not a
/// redirect, so the next page is asked for by this loopback page and not by the provider's redirect
/// chain, and a `SameSite=Strict` cookie of the page it returns to goes along.
final class OAuthCallbackListener: Sendable {
    static let path = "/oauth/callback"

    private let server: LoopbackServer
    private let outcomes: AsyncStream<Result<String, OAuthError>>
    private let decision: Decision
    let redirectURI: String

    private init(server: LoopbackServer, outcomes: AsyncStream<Result<String, OAuthError>>, decision: Decision, redirectURI: String) {
        self.server = server
        self.outcomes = outcomes
        self.decision = decision
        self.redirectURI = redirectURI
    }

    static func start(providerHost: String, expectedState: String,
                      returnAddress: URL? = nil) async throws(OAuthError) -> OAuthCallbackListener {
        let (outcomes, continuation) = AsyncStream.makeStream(of: Result<String, OAuthError>.self)
        let decision = Decision(providerHost: providerHost, expectedState: expectedState, continuation: continuation)
        let server = LoopbackServer { request in
            guard request.path == Self.path else { return .respond(.text(404, "not found")) }
            guard request.method == "GET" else { return .respond(.text(405, "method not allowed")) }
            let outcome: Result<String, OAuthError>
            switch decision.decide(rawQuery: request.rawQuery ?? "") {
            case .noAnswer: return .respond(.text(200, "waiting for the authorization at \(providerHost)"))
            case .tooLate: return .respond(.text(409, "this authorization was already answered; go back to lakeflow-auth"))
            case let .decided(decided): outcome = decided
            }
            var answer: HTTPResponse
            switch outcome {
            case .success: answer = .text(200, "authorized: you can close this tab and go back to lakeflow-auth")
            case let .failure(error): answer = .text(400, "not authorized: \(error.message)")
            }
            if let returnAddress {
                answer.body.append(Data("\ngoing back to \(returnAddress.absoluteString)".utf8))
                // The callback's address holds the code: the page it returns to is not told it.
                answer.headers += [("Refresh", "0;url=\(returnAddress.absoluteString)"), ("Referrer-Policy", "no-referrer")]
            }
            return .respond(answer)
        }
        let base: URL
        do {
            base = try await server.start()
        } catch {
            throw .callbackUnavailable(String(describing: error))
        }
        return OAuthCallbackListener(server: server, outcomes: outcomes, decision: decision, redirectURI: base.absoluteString + path)
    }

    /// The address a browser was sent back to, pasted by the person where the callback could not reach
    /// this machine (a browser on another one): it answers as the callback would have. False when it
    /// carries no answer (no `code`, `error` or `state`), which changes nothing.
    func answer(pasted address: String) -> Bool {
        let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let query = URLComponents(string: trimmed)?.percentEncodedQuery else { return false }
        if case .noAnswer = decision.decide(rawQuery: query) { return false }
        return true
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

    /// The first answer that carries this run's `state` (or any `error`, `code` or `state` at all)
    /// decides the run, whether it came to the callback or was pasted; only the first may.
    private final class Decision: Sendable {
        enum Verdict {
            /// Nothing that answers the authorization (a prefetch, a reload of the bare address).
            case noAnswer
            /// This answer decides the run.
            case decided(Result<String, OAuthError>)
            /// Another answer decided it before.
            case tooLate
        }

        private let taken = Mutex(false)
        private let providerHost: String
        private let expectedState: String
        private let continuation: AsyncStream<Result<String, OAuthError>>.Continuation

        init(providerHost: String, expectedState: String, continuation: AsyncStream<Result<String, OAuthError>>.Continuation) {
            self.providerHost = providerHost
            self.expectedState = expectedState
            self.continuation = continuation
        }

        func decide(rawQuery: String) -> Verdict {
            let query = FormURLEncoded.decode(Array(rawQuery.utf8)) ?? []
            let fields = Dictionary(query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            guard fields["code"] != nil || fields["error"] != nil || fields["state"] != nil else { return .noAnswer }
            let outcome: Result<String, OAuthError>
            if fields["state"] != expectedState {
                outcome = .failure(.stateMismatch)
            } else if let error = fields["error"] {
                outcome = .failure(.deniedAtCallback(error: error, description: fields["error_description"], host: providerHost))
            } else if let code = fields["code"], !code.isEmpty {
                outcome = .success(code)
            } else {
                outcome = .failure(.callbackWithoutCode)
            }
            let first = taken.withLock { taken in
                defer { taken = true }
                return !taken
            }
            guard first else { return .tooLate }
            continuation.yield(outcome)
            continuation.finish()
            return .decided(outcome)
        }
    }
}
