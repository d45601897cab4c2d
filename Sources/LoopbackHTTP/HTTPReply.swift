/// What a handler does with a request: answer it, or (as the sandbox's `hang` fault does) hold the
/// connection open without ever answering, until the client or the server gives up.
public enum HTTPReply: Sendable {
    case respond(HTTPResponse)
    case hang
}

/// Turns one request into a reply. The server has already read it within its limits.
public typealias HTTPHandler = @Sendable (HTTPRequest) async -> HTTPReply
