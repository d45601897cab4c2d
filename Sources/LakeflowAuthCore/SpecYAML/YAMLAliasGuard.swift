import CYaml

/// Refuses anchors and aliases before the YAML is composed into a tree.
///
/// Yams resolves an alias by sharing the anchored node, so a few lines of nested aliases (the
/// "billion laughs") expand to a tree far too large to walk or hash: composing one whose alias is a
/// mapping key never finishes. Specs have no use for either, so libyaml's own event stream is read
/// first and the first anchor or alias is reported where it stands.
enum YAMLAliasGuard {
    static func check(_ text: String, path: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            // Syntax errors are left for the composer, which reports them in its own words.
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return }
                if hasAnchor(event) || event.type == YAML_ALIAS_EVENT {
                    let mark = event.start_mark
                    throw SpecError(SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                                    "anchors and aliases (&name, *name) are not supported in specs",
                                    hint: "write the value out in full")
                }
            }
        }
    }

    private static func hasAnchor(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT: return event.data.scalar.anchor != nil
        case YAML_SEQUENCE_START_EVENT: return event.data.sequence_start.anchor != nil
        case YAML_MAPPING_START_EVENT: return event.data.mapping_start.anchor != nil
        default: return false
        }
    }
}
