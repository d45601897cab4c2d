import FoundationEssentials

extension HTTPClient {
    /// The answer to one request, redirects not followed.
    public struct Response: Sendable {
        public var status: Int
        /// Every header of the final response, names as sent, in order.
        public var headers: [(String, String)]
        /// At most the response limit.
        public var body: Data
        /// The server sent more than the limit; `body` holds the first part.
        public var bodyExceededLimit: Bool

        /// A header's value, its name compared without regard to case, as HTTP does.
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }
}
