import FoundationEssentials
import LoopbackHTTP

/// Who may talk to the form, decided per request before any route runs. Pure, so each rule is tested
/// with the hostile request it stops.
struct RequestGuard: Sendable {
    let port: Int
    let keys: AccessKeys

    /// The cookie's name carries the port: cookies are shared by every port of a host, and two forms
    /// running at once must not log each other out.
    var cookieName: String { "lakeflow_auth_\(port)" }

    /// The origin the request was addressed to, when its `Host` is this server under one of its two
    /// names; anything else is refused, so a page on another name resolving to 127.0.0.1 (DNS
    /// rebinding) gets nothing.
    func origin(of request: HTTPRequest) -> String? {
        guard let host = request.header("host")?.lowercased(),
              host == "127.0.0.1:\(port)" || host == "localhost:\(port)" else { return nil }
        return "http://\(host)"
    }

    func hasSessionCookie(_ request: HTTPRequest) -> Bool {
        let presented = request.headerValues("cookie").flatMap { $0.split(separator: ";") }.compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingSpaces == cookieName else { return nil }
            return parts[1].trimmingSpaces
        }
        // Every cookie of that name is compared, so none can shadow another.
        return presented.reduce(false) { found, value in ConstantTime.equals(value, keys.sessionCookie) || found }
    }

    /// A post must come from a page of this server: its `Origin` is this server's own, or, when a
    /// client sends none, its `Referer` is a page of this server.
    func isSameOrigin(_ request: HTTPRequest, origin: String) -> Bool {
        if let presented = request.header("origin") { return presented == origin }
        guard let referer = request.header("referer") else { return false }
        return referer == origin || referer.hasPrefix(origin + "/")
    }

    func hasCSRFToken(_ fields: [(name: String, value: String)]) -> Bool {
        let presented = fields.filter { $0.name == "csrf_token" }
        return presented.count == 1 && ConstantTime.equals(presented[0].value, keys.csrfToken)
    }

    /// `Set-Cookie` for the session: only this origin's own pages see it, scripts never.
    var sessionCookieHeader: String {
        "\(cookieName)=\(keys.sessionCookie); Path=/; HttpOnly; SameSite=Strict"
    }
}
