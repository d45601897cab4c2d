/// Refuses a mapping that holds one key twice, as Yams did when it read specs: keys are the same when
/// their text (or items, for collections) and their resolved tag are, so `1` and `"1"` are one key
/// and `!!int 1` another. The error names every repeated key, sorted, at the first one's first place.
enum YAMLDuplicateKeys {
    static func check(_ keys: [YAMLNode], path: String) throws {
        guard keys.count > 1 else { return }
        var firstIndex: [Identity: Int] = [:]
        var repeated: [Int] = []
        for (index, key) in keys.enumerated() {
            let identity = Identity(key)
            if let first = firstIndex[identity] {
                if !repeated.contains(first) { repeated.append(first) }
            } else {
                firstIndex[identity] = index
            }
        }
        guard !repeated.isEmpty else { return }
        let sorted = repeated.map { keys[$0] }.sorted { Identity($0).precedes(Identity($1)) }
        let names = sorted.map { key in
            if case let .scalar(scalar) = key.content { return scalar.text }
            return "<uncovertable>"
        }
        throw SpecError(SourceLocation(path: path, line: sorted[0].line, column: sorted[0].column),
                        "key \"\(names.joined(separator: ", "))\" appears twice in one mapping",
                        hint: "keep one of them")
    }

    /// A key's content with its tag resolved: untagged and `!`-tagged nodes take the tag of their kind.
    private indirect enum Identity: Hashable {
        case scalar(String, tag: String)
        case sequence([Identity], tag: String)
        case mapping([Identity], tag: String)

        init(_ node: YAMLNode) {
            func resolved(_ tag: String?, _ kind: String) -> String {
                guard let tag, tag != "!" else { return "tag:yaml.org,2002:" + kind }
                return tag
            }
            switch node.content {
            case let .scalar(scalar): self = .scalar(scalar.text, tag: resolved(scalar.tag, "str"))
            case let .sequence(items): self = .sequence(items.map(Identity.init), tag: resolved(node.tag, "seq"))
            case let .mapping(pairs):
                self = .mapping(pairs.flatMap { [Identity($0.key), Identity($0.value)] }, tag: resolved(node.tag, "map"))
            }
        }

        /// Yams' order: scalars by text, collections item by item (mappings by their keys), kinds unordered.
        func precedes(_ other: Identity) -> Bool {
            switch (self, other) {
            case let (.scalar(left, _), .scalar(right, _)): return left < right
            case let (.sequence(left, _), .sequence(right, _)): return Self.precedes(left, right)
            case let (.mapping(left, _), .mapping(right, _)):
                return Self.precedes(left.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
                                     right.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
            default: return false
            }
        }

        private static func precedes(_ left: [Identity], _ right: [Identity]) -> Bool {
            for (l, r) in zip(left, right) {
                if l.precedes(r) { return true }
                if r.precedes(l) { return false }
            }
            return left.count < right.count
        }
    }
}
