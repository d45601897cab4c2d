/// A table of exact paths and the methods each answers: anything else is 404, a known path asked
/// with another method 405 (with `Allow`). No patterns and no prefixes, so nothing is served by
/// accident.
public struct ExactRoutes<Route: Sendable>: Sendable {
    private var table: [String: [String: Route]] = [:]

    public init() {}

    public mutating func add(_ method: String, _ path: String, _ route: Route) {
        table[path, default: [:]][method] = route
    }

    /// The route for the request, or why there is none.
    public func route(_ request: HTTPRequest) -> Result<Route, RouteMiss> {
        guard let methods = table[request.path] else { return .failure(.notFound) }
        guard let route = methods[request.method] else { return .failure(.methodNotAllowed(allow: methods.keys.sorted())) }
        return .success(route)
    }
}

public enum RouteMiss: Error, Equatable, Sendable {
    case notFound
    case methodNotAllowed(allow: [String])
}
