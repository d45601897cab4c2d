import FoundationEssentials

extension HTTPClient {
    /// One request for `HTTPClient`: any method, headers in the order they are sent, an optional body.
    public struct Request: Sendable {
        public var method: String
        public var url: URL
        public var headers: [(String, String)]
        public var body: [UInt8]?

        public init(method: String = "GET", url: URL, headers: [(String, String)] = [], body: [UInt8]? = nil) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
        }

        /// A POST of `application/x-www-form-urlencoded` fields, as OAuth token requests are made.
        public static func formPost(url: URL, fields: [(String, String)], headers: [(String, String)] = []) -> Request {
            let text = fields.map { PercentEncoding.unreserved($0.0) + "=" + PercentEncoding.unreserved($0.1) }.joined(separator: "&")
            return Request(method: "POST", url: url,
                           headers: headers + [("Content-Type", "application/x-www-form-urlencoded")], body: Array(text.utf8))
        }

        /// A request with a JSON body, as the Databricks API takes them.
        public static func json(method: String = "POST", url: URL, body: JSONValue, headers: [(String, String)] = []) -> Request {
            Request(method: method, url: url, headers: headers + [("Content-Type", "application/json")],
                    body: Array(body.serialized().utf8))
        }
    }
}
