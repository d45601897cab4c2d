/// A connector's spec as found: which file (or built-in text) and where it came from.
public struct ResolvedSpec: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// `--spec FILE`, or a path given to `spec inspect`.
        case file
        case folder(SpecFolder)
        /// Carried inside the binary (`BuiltInSpecs`).
        case builtIn
    }

    public let connector: String
    /// The file read; for a built-in spec, the name its errors are reported under.
    public let path: String
    public let source: Source

    public static func builtIn(_ connector: String) -> ResolvedSpec {
        ResolvedSpec(connector: connector, path: "(built in)/\(connector)/\(SpecLoader.declarationsFileName)", source: .builtIn)
    }

    /// Where the spec comes from, as `connectors` lists it: `built in`, `./specs/acme/options.yaml`, …
    public var shownSource: String {
        switch source {
        case .file: return path
        case let .folder(folder): return folder.spelled(path)
        case .builtIn: return "built in"
        }
    }

    public var isDeclarations: Bool { path.hasSuffix("/" + SpecLoader.declarationsFileName) }

    /// The spec, with the built-in check layer of its connector name where the spec leaves room.
    public func load() throws -> ConnectorSpec {
        if source == .builtIn, let text = BuiltInSpecs.declarations[connector] {
            return try CheckLayer.attach(to: try SpecLoader.load(text: text, path: path, connector: connector))
        }
        return try CheckLayer.attach(to: try SpecLoader.load(path: path, connector: connector))
    }
}
