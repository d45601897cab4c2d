/// Builds the one document of a stream of libyaml events into a tree of `YAMLNode`s, with the errors
/// the spec reader has always given: a second document, a key twice in one mapping (`YAMLDuplicateKeys`),
/// and the stream's own syntax error where the composer reaches it.
struct YAMLComposer {
    private let stream: YAMLEventStream
    private let path: String
    private var next = 0

    /// The document's root; nil for a stream without a document (only comments).
    static func root(of stream: YAMLEventStream, path: String) throws -> YAMLNode? {
        var composer = YAMLComposer(stream: stream, path: path)
        return try composer.document()
    }

    private init(stream: YAMLEventStream, path: String) {
        self.stream = stream
        self.path = path
    }

    private mutating func document() throws -> YAMLNode? {
        _ = try event()
        if case .streamEnd = try event().kind { return nil }
        let root = try node(from: try event())
        _ = try event()
        let after = try event()
        guard case .streamEnd = after.kind else {
            throw SpecError(SourceLocation(path: path, line: after.line, column: after.column),
                            "YAML syntax error: but found another document",
                            hint: "check the indentation and the quoting near there")
        }
        return root
    }

    private mutating func event() throws -> YAMLEventStream.Event {
        guard next < stream.events.count else {
            throw stream.failure ?? SpecError(SourceLocation(path: path, line: 1, column: 1), "the file cannot be read as YAML")
        }
        defer { next += 1 }
        return stream.events[next]
    }

    private mutating func node(from first: YAMLEventStream.Event) throws -> YAMLNode {
        switch first.kind {
        case let .scalar(scalar):
            return YAMLNode(content: .scalar(scalar), tag: scalar.tag, line: first.line, column: first.column)
        case let .sequenceStart(tag):
            var items: [YAMLNode] = []
            while true {
                let event = try event()
                if case .sequenceEnd = event.kind { break }
                items.append(try node(from: event))
            }
            return YAMLNode(content: .sequence(items), tag: tag, line: first.line, column: first.column)
        case let .mappingStart(tag):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            while true {
                let event = try event()
                if case .mappingEnd = event.kind { break }
                let key = try node(from: event)
                pairs.append((key, try node(from: try self.event())))
            }
            try YAMLDuplicateKeys.check(pairs.map(\.key), path: path)
            return YAMLNode(content: .mapping(pairs), tag: tag, line: first.line, column: first.column)
        default:
            throw YAMLAliasGuard.refusal(at: first, path: path)
        }
    }
}
