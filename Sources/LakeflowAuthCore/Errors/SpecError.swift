/// A connector spec or option declaration that cannot be used, located in its file.
public struct SpecError: UserFacingError, Equatable {
    public let location: SourceLocation
    public let problem: String
    public let hints: [String]

    public init(_ location: SourceLocation, _ problem: String, hint: String? = nil) {
        self.location = location
        self.problem = problem
        self.hints = hint.map { [$0] } ?? []
    }

    public var message: String { "\(location): \(problem)" }
    public var exitStatus: ExitStatus { .badInput }
}
