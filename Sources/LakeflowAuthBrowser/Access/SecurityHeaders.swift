import LoopbackHTTP

/// The headers on every answer of the browser form, whatever its status.
enum SecurityHeaders {
    /// Style and script run only with the page's nonce; nothing is loaded from anywhere; the script
    /// talks only to this server (to stop a check); no page may frame it; its form posts only to itself.
    static func contentSecurityPolicy(nonce: String) -> String {
        "default-src 'none'; script-src 'nonce-\(nonce)'; style-src 'nonce-\(nonce)'; img-src 'none'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// `referrerPolicy`: `no-referrer` except on a page holding the form. Browsers send `Origin: null`
    /// with a post from a `no-referrer` page (Fetch, "append a request Origin header"), which would
    /// leave the same-origin check nothing to check; `same-origin` sends the real origin to this
    /// server and nothing anywhere else, and the form's URL holds no token.
    static func apply(to response: inout HTTPResponse, nonce: String, referrerPolicy: String = "no-referrer") {
        response.headers += [
            ("Content-Security-Policy", contentSecurityPolicy(nonce: nonce)),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", referrerPolicy),
            ("Cache-Control", "no-store"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
        ]
    }
}
