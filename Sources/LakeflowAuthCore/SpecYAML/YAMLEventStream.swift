import CLibYAML

/// libyaml's events for one text, read to the end of the stream or to its first error.
///
/// Read in full before anything is composed, so that an anchor anywhere before a syntax error is
/// refused first (`YAMLAliasGuard`), wherever in the file the composer would stop.
struct YAMLEventStream {
    struct Event {
        enum Kind {
            case streamStart, streamEnd, documentStart, documentEnd
            case scalar(YAMLNode.Scalar)
            case sequenceStart(tag: String?)
            case sequenceEnd
            case mappingStart(tag: String?)
            case mappingEnd
            case alias
        }

        let kind: Kind
        /// An anchor (`&name`) on a scalar or a collection.
        let isAnchored: Bool
        let line: Int
        let column: Int
    }

    let events: [Event]
    /// The error that ended the stream early, thrown when the composer reaches it.
    let failure: SpecError?

    init(_ bytes: [UInt8], path: String) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            events = []
            failure = SpecError(SourceLocation(path: path, line: 1, column: 1), "the file cannot be read as YAML")
            return
        }
        defer { yaml_parser_delete(&parser) }
        var events: [Event] = []
        var failure: SpecError?
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    failure = Self.failure(of: parser, path: path)
                    return
                }
                defer { yaml_event_delete(&event) }
                events.append(Event(event))
                if event.type == YAML_STREAM_END_EVENT { return }
            }
        }
        self.events = events
        self.failure = failure
    }

    private static func failure(of parser: yaml_parser_t, path: String) -> SpecError {
        let start = SourceLocation(path: path, line: 1, column: 1)
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let mark = parser.problem_mark
            return SpecError(SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                             "YAML syntax error: \(String(cString: parser.problem))",
                             hint: "check the indentation and the quoting near there")
        case YAML_READER_ERROR:
            return SpecError(start, "the file cannot be read as YAML: \(String(cString: parser.problem))")
        default:
            return SpecError(start, "the file cannot be read as YAML")
        }
    }
}

extension YAMLEventStream.Event {
    fileprivate init(_ event: yaml_event_t) {
        line = Int(event.start_mark.line) + 1
        column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let tag = scalar.quoted_implicit == 1 ? YAMLNode.Scalar.stringTag : Self.text(scalar.tag)
            kind = .scalar(YAMLNode.Scalar(text: text, tag: tag, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE))
            isAnchored = scalar.anchor != nil
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            kind = .sequenceStart(tag: start.implicit != 0 ? nil : Self.text(start.tag))
            isAnchored = start.anchor != nil
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            kind = .mappingStart(tag: start.implicit != 0 ? nil : Self.text(start.tag))
            isAnchored = start.anchor != nil
        default:
            kind = Self.structural(event.type)
            isAnchored = false
        }
    }

    private static func structural(_ type: yaml_event_type_t) -> Kind {
        switch type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_ALIAS_EVENT: return .alias
        default: return .streamEnd
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
