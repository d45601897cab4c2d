/// Reads a spec file into a YAML tree, refusing what is not a YAML mapping before any rule looks at it.
enum SpecDocument {
    /// Spec files are small; anything larger is not a spec and is not read further.
    static let maximumSize = 1 << 20

    static func root(ofFile path: String) throws -> SpecNode {
        let start = SourceLocation(path: path, line: 1, column: 1)
        do {
            return try root(ofText: try BoundedFile.read(path, limit: maximumSize).bytes, path: path)
        } catch let failure as BoundedFile.Failure {
            switch failure {
            case .tooLarge: throw SpecError(start, "the file is larger than \(maximumSize / 1024) KiB, which no spec needs")
            case let .notRegular(kind): throw SpecError(start, "the spec is \(kind), not a regular file")
            default: throw SpecError(start, "cannot read the file", hint: "check that it exists and is readable")
            }
        }
    }

    static func root(ofText bytes: [UInt8], path: String) throws -> SpecNode {
        let start = SourceLocation(path: path, line: 1, column: 1)
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            throw SpecError(start, "the file is not UTF-8 text", hint: "a spec is a YAML text file")
        }
        let empty = SpecError(start, "the file is empty", hint: "a spec is a YAML mapping; see specs/README.md")
        // libyaml calls a tab that starts a line a syntax error, even on a file of nothing but blanks.
        guard !text.allSatisfy(\.isWhitespace) else { throw empty }
        let events = YAMLEventStream(bytes, path: path)
        try YAMLAliasGuard.check(events, path: path)
        guard let node = try YAMLComposer.root(of: events, path: path) else { throw empty }
        let root = SpecNode(node: node, path: path)
        guard !root.isNull else { throw empty }
        guard case .mapping = node.content else {
            throw root.error("the file must be a YAML mapping of keys to values, not \(root.kind)")
        }
        return root
    }
}
