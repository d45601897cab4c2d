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
    private let access: RequestGuard
    private let finished: AsyncStream<Outcome>.Continuation
    private var tokenUsed = false
    private(set) var lastVisit = ContinuousClock.now

    init(session: SetupSession, access: RequestGuard, finished: AsyncStream<Outcome>.Continuation) {
        self.session = session
        self.access = access
        self.finished = finished
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
    }

    /// The form's one address: shown by GET, changed by POST.
    private static let routes: ExactRoutes<Endpoint> = {
        var routes = ExactRoutes<Endpoint>()
        routes.add("GET", "/", .show)
        routes.add("POST", "/", .post)
        return routes
    }()

    private func get(_ request: HTTPRequest, nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        if access.hasSessionCookie(request) {
            lastVisit = .now
            if request.rawQuery != nil { return (redirectHome(), false) }
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
            let snapshot = try await apply(post)
            switch snapshot.state {
            case let .saved(saved):
                finished.yield(.saved(saved))
                return (page(snapshot, nonce: nonce), false)
            case .cancelled:
                finished.yield(.cancelled)
                return (page(snapshot, nonce: nonce), false)
            case .editing, .checking, .checkFailed:
                // Post, redirect, get: reloading the page shows it again instead of posting again.
                return (redirectHome(), false)
            }
        } catch is SetupError {
            // An action the state does not allow (a stale page's button): the page as it stands.
            return (redirectHome(), false)
        } catch {
            finished.yield(.failed(error))
            let text = (error as? any UserFacingError)?.message ?? "an internal error stopped the form"
            return (message(500, "The setup stopped", text, nonce: nonce), false)
        }
    }

    private func apply(_ post: FormPost) async throws -> SetupSnapshot {
        switch post.action {
        case .cancel:
            return await session.cancel()
        case .cancelCheck:
            return await session.cancelCheck()
        case .saveUnverified:
            return try await session.saveUnverified()
        case .switchMethod, .submit, .edit:
            if let method = post.authMethod, method != (await session.form.authMethod?.name) {
                // A method the page never offered leaves the form as it was.
                _ = try? await session.chooseAuthMethod(method)
            }
            _ = await session.take(post.values)
            switch post.action {
            case .submit: return try await session.submit()
            case .edit: return await session.edit()
            default: return await session.snapshot
            }
        }
    }

    private func page(nonce: String) async -> (HTTPResponse, showsForm: Bool) {
        let snapshot = await session.snapshot
        switch snapshot.state {
        case .saved, .cancelled: return (page(snapshot, nonce: nonce), false)
        case .editing, .checking, .checkFailed: return (page(snapshot, nonce: nonce), true)
        }
    }

    private func page(_ snapshot: SetupSnapshot, nonce: String) -> HTTPResponse {
        let content = FormPage(snapshot: snapshot, csrfToken: access.keys.csrfToken).content
        return Self.htmlResponse(200, FormPage.document(title: snapshot.form.spec.title, content: content, nonce: nonce))
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
