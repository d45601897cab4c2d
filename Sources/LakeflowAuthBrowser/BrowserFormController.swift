import Foundation
import LakeflowAuthCore
import LoopbackHTTP

/// Answers the browser form's requests: every rule of who may see or post the form is applied here,
/// before anything reaches the setup session, and every answer carries the security headers.
actor BrowserFormController {
    enum Outcome: Sendable {
        case saved(SavedSetup)
        case cancelled
        case failed(any Error)
    }

    private let session: SetupSession
    private let prompts: BrowserPrompts
    private let access: RequestGuard
    private let finished: AsyncStream<Outcome>.Continuation
    private var tokenUsed = false
    private(set) var lastVisit = ContinuousClock.now
    /// The start of the setup (the stored credentials read), while it waits for the passphrase.
    private var opening: Task<SetupSnapshot, any Error>?
    /// The last submit, which may ask the person something before it ends.
    private var submitted: Task<SetupSnapshot, any Error>?
    /// Whether a page has shown how the setup ended, so the server may stop.
    private(set) var endShown = false

    init(session: SetupSession, prompts: BrowserPrompts, access: RequestGuard, finished: AsyncStream<Outcome>.Continuation,
         opening: Task<SetupSnapshot, any Error>?) {
        self.session = session
        self.prompts = prompts
        self.access = access
        self.finished = finished
        self.opening = opening.map { opening in Self.perform(session, prompts, finished) { try await opening.value } }
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let nonce = AccessKeys.nonce()
        var (response, showsForm) = await answer(request, nonce: nonce)
        SecurityHeaders.apply(to: &response, nonce: nonce, referrerPolicy: showsForm ? "same-origin" : "no-referrer")
        return response
    }

    private func answer(_ request: HTTPRequest, nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        guard let origin = access.origin(of: request) else {
            return (message(421, "Wrong address", "This form answers only at 127.0.0.1 or localhost with its port.", nonce: nonce), false)
        }
        switch Self.routes.route(request) {
        case .success(.show): return await get(request, nonce: nonce)
        case .success(.authorized): return await returnFromProvider(request, nonce: nonce)
        case .success(.post): return await post(request, origin: origin, nonce: nonce)
        case .failure(.notFound): return (message(404, "Not found", "There is nothing here.", nonce: nonce), false)
        case let .failure(.methodNotAllowed(allow)):
            var response = message(405, "Not allowed", "This address answers only \(allow.joined(separator: " and ")).", nonce: nonce)
            response.headers.append(("Allow", allow.joined(separator: ", ")))
            return (response, false)
        }
    }

    private enum Endpoint: Sendable {
        case show
        case post
        case authorized
    }

    /// Where the OAuth callback sends the person back to, once the provider has answered.
    static let authorizedPath = "/authorized"

    /// The form's address, shown by GET and changed by POST, and the way back from the provider.
    private static let routes: ExactRoutes<Endpoint> = {
        var routes = ExactRoutes<Endpoint>()
        routes.add("GET", "/", .show)
        routes.add("POST", "/", .post)
        routes.add("GET", authorizedPath, .authorized)
        return routes
    }()

    private func get(_ request: HTTPRequest, nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        if access.hasSessionCookie(request) {
            lastVisit = .now
            if request.rawQuery != nil { return (redirectHome(), false) }
            if let opening {
                // The stored credentials are read first; the page asks for the passphrase if that waits for it.
                switch await prompts.settle(opening) {
                case .success?: self.opening = nil
                case let .failure(error)?: return (stopped(by: error, nonce: nonce), false)
                case nil: break
                }
            }
            return await page(nonce: nonce)
        }
        guard let presented = Self.token(in: request.rawQuery), !tokenUsed,
              ConstantTime.equals(presented, access.keys.urlToken) else {
            return (refusal(nonce: nonce), false)
        }
        tokenUsed = true
        lastVisit = .now
        var response = redirectHome()
        response.headers.append(("Set-Cookie", access.sessionCookieHeader))
        return (response, false)
    }

    private func post(_ request: HTTPRequest, origin: String, nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        guard access.hasSessionCookie(request), access.isSameOrigin(request, origin: origin),
              let fields = request.formFields, access.hasCSRFToken(fields) else {
            return (refusal(nonce: nonce), false)
        }
        guard let post = FormPost(fields: fields) else {
            return (message(400, "Bad request", "The form sent an action it does not have.", nonce: nonce), false)
        }
        lastVisit = .now
        do {
            guard let snapshot = try await apply(post) else { return (redirectHome(), false) }
            switch snapshot.state {
            case .saved, .cancelled:
                Self.report(snapshot, to: finished)
                return (finalPage(snapshot, nonce: nonce), false)
            case .editing, .checking, .checkFailed:
                // Post, redirect, get: reloading the page shows it again instead of posting again.
                return (redirectHome(), false)
            }
        } catch is SetupError {
            // An action the state does not allow (a stale page's button): the page as it stands.
            return (redirectHome(), false)
        } catch {
            finished.yield(.failed(error))
            return (stopped(by: error, nonce: nonce), false)
        }
    }

    /// The snapshot the action ends with; nil when it waits for the person (the page then asks), or
    /// when the page that posted is stale (another action is under way).
    private func apply(_ post: FormPost) async throws -> SetupSnapshot? {
        let asking = prompts.passphraseQuestion != nil
        switch post.action {
        case .cancel:
            let snapshot = await session.cancel()
            // Said before the waiting action is let go, so its end is not taken for a failure.
            finished.yield(.cancelled)
            prompts.answerPassphrase(nil)
            return snapshot
        case .cancelCheck:
            return await session.cancelCheck()
        case .unlock:
            guard asking, let waiting = opening ?? submitted else { return nil }
            // An empty field is no attempt: the page asks again.
            guard let passphrase = post.identityPassphrase, !passphrase.isEmpty else { return nil }
            prompts.answerPassphrase(passphrase)
            let settled = try await prompts.settle(waiting)?.get()
            if waiting == opening, settled != nil { opening = nil }
            return settled
        case .saveUnverified, .switchMethod, .submit, .edit:
            guard !asking, !(await isChecking) else { return nil }
            if post.action == .saveUnverified { return try await session.saveUnverified() }
            if let method = post.authMethod, method != (await session.form.authMethod?.name) {
                // A method the page never offered leaves the form as it was.
                _ = try? await session.chooseAuthMethod(method)
            }
            _ = await session.take(post.values)
            switch post.action {
            case .submit:
                let session = self.session
                let submit = Self.perform(session, prompts, finished) { try await session.submit() }
                submitted = submit
                return try await prompts.settle(submit)?.get()
            case .edit: return await session.edit()
            default: return await session.snapshot
            }
        }
    }

    private var isChecking: Bool {
        get async {
            if case .checking = await session.snapshot.state { return true }
            return false
        }
    }

    /// Back from the provider: the flow goes on at once (the token, the check, the save), so the
    /// page waits for its end and shows it. A submit still waiting for the passphrase is not waited for.
    private func returnFromProvider(_ request: HTTPRequest, nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        guard access.hasSessionCookie(request) else { return (refusal(nonce: nonce), false) }
        lastVisit = .now
        if let submitted, prompts.passphraseQuestion == nil, case let .failure(error) = await submitted.result {
            return (stopped(by: error, nonce: nonce), false)
        }
        return await page(nonce: nonce)
    }

    /// Runs an action of the session that may ask the person something on the way, and reports how the
    /// setup ended whoever's request is waiting for it, if anyone.
    private static func perform(_ session: SetupSession, _ prompts: BrowserPrompts, _ finished: AsyncStream<Outcome>.Continuation,
                                _ action: @escaping @Sendable () async throws -> SetupSnapshot) -> Task<SetupSnapshot, any Error> {
        Task {
            defer { prompts.actionEnded() }
            do {
                let snapshot = try await action()
                report(snapshot, to: finished)
                return snapshot
            } catch {
                if case .cancelled = await session.snapshot.state { finished.yield(.cancelled) } else { finished.yield(.failed(error)) }
                throw error
            }
        }
    }

    private static func report(_ snapshot: SetupSnapshot, to finished: AsyncStream<Outcome>.Continuation) {
        switch snapshot.state {
        case let .saved(saved): finished.yield(.saved(saved))
        case .cancelled: finished.yield(.cancelled)
        case .editing, .checking, .checkFailed: break
        }
    }

    private func page(nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        let snapshot = await session.snapshot
        switch snapshot.state {
        case .saved, .cancelled: return (finalPage(snapshot, nonce: nonce), false)
        case .editing, .checking, .checkFailed:
            let content = FormPage(snapshot: snapshot, csrfToken: access.keys.csrfToken, passphrase: prompts.passphraseQuestion).content
            return (Self.htmlResponse(200, FormPage.document(title: snapshot.form.spec.title, content: content, nonce: nonce)), true)
        }
    }

    /// How the setup ended; once a page has shown it, the server may stop.
    private func finalPage(_ snapshot: SetupSnapshot, nonce: String) -> HTTPResponse {
        endShown = true
        let content = FormPage(snapshot: snapshot, csrfToken: access.keys.csrfToken).content
        return Self.htmlResponse(200, FormPage.document(title: snapshot.form.spec.title, content: content, nonce: nonce))
    }

    private func stopped(by error: any Error, nonce: String) -> HTTPResponse {
        endShown = true
        let text = (error as? any UserFacingError)?.message ?? "an internal error stopped the form"
        return message(500, "The setup stopped", text, nonce: nonce)
    }

    /// No form and no hint of one: the same answer whatever was missing.
    private func refusal(nonce: String) -> HTTPResponse {
        message(403, "Not allowed", "Open the link the lakeflow-auth command printed; each link works once.", nonce: nonce)
    }

    private func message(_ status: Int, _ heading: String, _ detail: String, nonce: String) -> HTTPResponse {
        let content = FormPage.result(heading: heading, detail: detail, path: "", next: "")
        return Self.htmlResponse(status, FormPage.document(title: heading, content: content, nonce: nonce))
    }

    private func redirectHome() -> HTTPResponse {
        HTTPResponse(status: 303, headers: [("Location", "/")])
    }

    private static func htmlResponse(_ status: Int, _ html: HTML) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.rendered.utf8))
    }

    /// The value of `token=` in a raw query; hex needs no decoding.
    static func token(in rawQuery: String?) -> String? {
        rawQuery?.split(separator: "&").lazy.compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.count == 2 && parts[0] == "token" ? String(parts[1]) : nil
        }.first
    }
}
