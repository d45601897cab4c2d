/// One HTTP/1.1 request as read within the server's limits, body included.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The target's path, undecoded.
    public var path: String
    /// Kept raw (undecoded): a handler decides how to read it.
    public var rawQuery: String?
    /// In the order received, names lower-cased.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, rawQuery: String? = nil, headers: [(name: String, value: String)] = [],
                body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }

    /// The value of a header (any case); a repeated one gives its last value.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.last { $0.name == name }?.value
    }

    /// Every value of a header, in order (`Cookie` may come more than once).
    public func headerValues(_ name: String) -> [String] {
        let name = name.lowercased()
        return headers.filter { $0.name == name }.map(\.value)
    }

    /// The body as `application/x-www-form-urlencoded` fields; nil when it is not that type or not valid.
    public var formFields: [(name: String, value: String)]? {
        guard let type = header("content-type")?.split(separator: ";").first?
            .trimmingFieldSpaces.lowercased(),
            type == "application/x-www-form-urlencoded" else { return nil }
        return FormURLEncoded.decode(body)
    }
}
