import FoundationEssentials
import LakeflowAuthCore
import LoopbackHTTP

/// Answers the browser form's requests: every rule of who may see or post the form is applied here,
/// before anything reaches the setup session, and every answer carries the security headers.
actor BrowserFormController {
    private let session: SetupSession
    private let access: RequestGuard
    private var tokenUsed = false
    private(set) var lastVisit = ContinuousClock.now
    /// Whether a page has shown how the setup ended, so the server may stop.
    private(set) var endShown = false
    /// How long the way back from the provider waits for the flow to end before it shows the page as
    /// it stands.
    static let returnWait: Duration = .seconds(60)

    init(session: SetupSession, access: RequestGuard) {
        self.session = session
        self.access = access
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
            return page(await session.snapshot, nonce: nonce)
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
        let snapshot = await apply(post)
        // Post, redirect, get: reloading the page shows it again instead of posting again; the end is
        // shown at once, since the server stops after it.
        return snapshot.state.isFinished ? page(snapshot, nonce: nonce) : (redirectHome(), false)
    }

    /// Applies a post's action to the session. A submit (or the unlock it waited for) is answered once
    /// the check has ended or waits for the person, as the check's own post waits for its answer while
    /// the page's script may stop it. An action the session's state does not allow (a stale page's
    /// button, a second submit while one is checked) changes nothing.
    private func apply(_ post: FormPost) async -> SetupSnapshot {
        switch post.action {
        case .cancel:
            return await session.cancel()
        case .cancelCheck:
            return await session.cancelCheck()
        case .unlock:
            _ = await session.unlock(post.identityPassphrase ?? "")
            return await session.first { !$0.state.isChecking }
        case .saveUnverified:
            if let saved = try? await session.saveUnverified() { return saved }
            return await session.snapshot
        case .switchMethod, .submit, .edit:
            let current = await session.snapshot
            guard current.state.isEditable else { return current }
            if let method = post.authMethod, method != current.form.authMethod?.name {
                // A method the page never offered leaves the form as it was.
                _ = try? await session.chooseAuthMethod(method)
            }
            _ = await session.take(post.values)
            switch post.action {
            case .submit:
                _ = await session.submit()
                return await session.first { !$0.state.isChecking }
            case .edit:
                return await session.edit()
            default:
                return await session.snapshot
            }
        }
    }

    /// Back from the provider: the flow goes on at once (the token, the check, the save), so the page
    /// waits for its end, a while, and shows it.
    private func returnFromProvider(_ request: HTTPRequest, nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        guard access.hasSessionCookie(request) else { return (refusal(nonce: nonce), false) }
        lastVisit = .now
        let session = self.session
        let settled = await withTaskGroup(of: SetupSnapshot?.self) { group in
            group.addTask { await session.settled() }
            group.addTask {
                try? await Task.sleep(for: Self.returnWait)
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
        if let settled { return page(settled, nonce: nonce) }
        return page(await session.snapshot, nonce: nonce)
    }

    /// The page for `snapshot`: the form, a question, or how the setup ended (after which the server
    /// may stop).
    private func page(_ snapshot: SetupSnapshot, nonce: String) -> (HTTPResponse, showsForm: Bool) {
        let title = snapshot.form.spec.title
        switch snapshot.state {
        case let .failed(error):
            endShown = true
            let text = (error as? any UserFacingError)?.message ?? "an internal error stopped the form"
            return (message(500, "The setup stopped", text, nonce: nonce), false)
        case .saved, .cancelled:
            endShown = true
            let content = FormPage(snapshot: snapshot, csrfToken: access.keys.csrfToken).content
            return (Self.htmlResponse(200, FormPage.document(title: title, content: content, nonce: nonce)), false)
        case .editing, .needsPassphrase, .checking, .authorizing, .checkFailed:
            let content = FormPage(snapshot: snapshot, csrfToken: access.keys.csrfToken).content
            return (Self.htmlResponse(200, FormPage.document(title: title, content: content, nonce: nonce)), true)
        }
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
