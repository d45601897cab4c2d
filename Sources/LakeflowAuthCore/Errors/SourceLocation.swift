/// A place in a file a person can open: `path:line:column`, 1-based.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
}
