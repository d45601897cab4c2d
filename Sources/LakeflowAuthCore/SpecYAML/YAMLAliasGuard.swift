/// Refuses anchors and aliases before the YAML is composed into a tree.
///
/// Resolving an alias shares the anchored node, so a few lines of nested aliases (the "billion
/// laughs") expand to a tree far too large to walk or compare. Specs have no use for either, so the
/// first anchor or alias in libyaml's event stream is reported where it stands, before any later
/// error of the file.
enum YAMLAliasGuard {
    static func check(_ stream: YAMLEventStream, path: String) throws {
        if let first = stream.events.first(where: { event in
            if case .alias = event.kind { return true }
            return event.isAnchored
        }) {
            throw refusal(at: first, path: path)
        }
    }

    static func refusal(at event: YAMLEventStream.Event, path: String) -> SpecError {
        SpecError(SourceLocation(path: path, line: event.line, column: event.column),
                  "anchors and aliases (&name, *name) are not supported in specs",
                  hint: "write the value out in full")
    }
}
