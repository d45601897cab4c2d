import FoundationEssentials
import LoopbackHTTP

extension AcmeSandboxConfiguration.Fault {
    /// The misbehaviour for this request, or `nil` when the workspace should
    /// answer normally (the second leg of a same-origin redirect).
    func reply(workspace: AcmeSandboxConfiguration.Workspace, request: HTTPRequest) -> HTTPReply? {
        switch self {
        case .serverError:
            return .respond(.json(503, ["error": "service unavailable"]))

        case .rateLimited(let retryAfterSeconds):
            var response = HTTPResponse.json(429, ["error": "rate limited"])
            response.headers.append(("Retry-After", String(retryAfterSeconds)))
            return .respond(response)

        case .redirect(let location):
            return .respond(HTTPResponse(status: 302, headers: [("Location", location)]))

        case .sameOriginRedirect:
            let alreadyRedirected = request.rawQuery?.split(separator: "&").contains("redirected=1") ?? false
            if alreadyRedirected { return nil }
            // Relative, so it stays on whatever host and port the client used.
            let location = "/v1/workspaces/\(workspace.slug)/me?redirected=1"
            return .respond(HTTPResponse(status: 302, headers: [("Location", location)]))

        case .noIdentity:
            return .respond(.json(200, ["id": "x"]))

        case .notJSON:
            let page = "<!doctype html><html><body><h1>Sign in to continue</h1></body></html>"
            return .respond(HTTPResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(page.utf8)))

        case .echoCredentials:
            // In the free-text `message` too, because that is the field a
            // careless client would show the user.
            let authorization = request.header("authorization") ?? ""
            let query = request.rawQuery ?? ""
            return .respond(.json(401, [
                "error": "unauthorized",
                "message": "rejected Authorization: \(authorization) with query: \(query)",
                "authorization": authorization,
                "query": query,
            ]))

        case .hang:
            return .hang
        }
    }
}
