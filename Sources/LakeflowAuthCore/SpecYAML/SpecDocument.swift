import Foundation
import Yams

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
        try YAMLAliasGuard.check(text, path: path)
        let node: Node?
        do {
            // ScalarType types the nodes, so Yams' constructor tables go unused: empty ones spare building
            // them. UTF-8 is named because `.default` reads the environment (YAMS_DEFAULT_ENCODING),
            // and prints to stdout when it is set.
            node = try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            throw translate(error, path: path)
        }
        guard let node, !SpecNode(node: node, path: path, fallback: start).isNull else { throw empty }
        let root = SpecNode(node: node, path: path, fallback: start)
        guard case .mapping = node else {
            throw root.error("the file must be a YAML mapping of keys to values, not \(root.kind)")
        }
        return root
    }

    private static func translate(_ error: YamlError, path: String) -> SpecError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(path: path, line: mark.line, column: mark.column) }
        let hint = "check the indentation and the quoting near there"
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return SpecError(at(mark), "YAML syntax error: \(problem)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            return SpecError(at(context.mark), "key \"\(duplicates.joined(separator: ", "))\" appears twice in one mapping",
                             hint: "keep one of them")
        case let .reader(problem, _, _, _):
            return SpecError(SourceLocation(path: path, line: 1, column: 1), "the file cannot be read as YAML: \(problem)")
        default:
            return SpecError(SourceLocation(path: path, line: 1, column: 1), "the file cannot be read as YAML")
        }
    }
}
