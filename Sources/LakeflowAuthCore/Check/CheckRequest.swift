/// One request of a check, as declared: every text in it is a template.
public struct CheckRequest: Sendable, Equatable {
    /// Names the answer for later templates (`{token/access_token}`).
    public var name: String?
    public var method: String
    public var url: Template
    public var auth: ProbeSpec.Auth
    /// Sent as written; one whose template has no value is not sent.
    public var headers: [(String, Template)]
    /// Headers from one option, as `Name: value, Name2: value2` (odata's `extra_headers`): sent first,
    /// so a header of `headers` or of `auth` with the same name wins, as the connector's session does.
    public var headerList: Template?
    /// An `application/x-www-form-urlencoded` body; an entry without a value is left out.
    public var form: [(String, Template)]
    /// A JSON body whose strings are templates.
    public var json: JSONTemplate?
    /// Sent only when every one of these names has a value (`ifSet`) or none has (`ifEmpty`).
    public var ifSet: [String]
    public var ifEmpty: [String]
    /// For a request before the last: the statuses that let the check go on.
    public var expect: [Int]
    /// Statuses of this request's answer that mean the credentials are refused, besides 401 and 403
    /// (YouTube answers a bad API key with 400).
    public var reject: [Int]
    /// A JSON pointer into this answer naming who the credentials connect as.
    public var identity: String?

    public init(name: String? = nil, method: String = "GET", url: Template, auth: ProbeSpec.Auth = .none,
                headers: [(String, Template)] = [], form: [(String, Template)] = [], json: JSONTemplate? = nil,
                ifSet: [String] = [], ifEmpty: [String] = [], expect: [Int] = [200], reject: [Int] = [], identity: String? = nil) {
        self.name = name
        self.method = method
        self.url = url
        self.auth = auth
        self.headers = headers
        self.form = form
        self.json = json
        self.ifSet = ifSet
        self.ifEmpty = ifEmpty
        self.expect = expect
        self.reject = reject
        self.identity = identity
    }

    public static func == (lhs: CheckRequest, rhs: CheckRequest) -> Bool {
        lhs.name == rhs.name && lhs.method == rhs.method && lhs.url == rhs.url && lhs.auth == rhs.auth
            && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 } && lhs.form.elementsEqual(rhs.form) { $0 == $1 }
            && lhs.headerList == rhs.headerList && lhs.json == rhs.json && lhs.ifSet == rhs.ifSet && lhs.ifEmpty == rhs.ifEmpty && lhs.expect == rhs.expect && lhs.reject == rhs.reject
            && lhs.identity == rhs.identity
    }

    /// Every template of the request, the url first.
    public var templates: [Template] {
        [url] + (auth.nameTemplate.map { [$0] } ?? []) + auth.templates + headers.map(\.1) + [headerList].compactMap { $0 }
            + form.map(\.1) + (json?.templates ?? [])
    }
}
