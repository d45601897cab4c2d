public enum ResolutionError: UserFacingError, Equatable {
    case specFileMissing(String)
    case invalidName(String)
    /// `searched` as a person would type each folder, each once; `suggestions` are close known names.
    case notFound(String, searched: [String], suggestions: [String])
    case noDeclarations(String, found: String)

    public var message: String {
        switch self {
        case let .specFileMissing(path): return "\(path): cannot read the spec file"
        case let .invalidName(name): return "\"\(TerminalText.excerpt(name))\" is not a connector name"
        case let .notFound(name, _, suggestions):
            let guess = suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
            return "no spec found for connector \"\(name)\"" + guess
        case let .noDeclarations(name, found):
            return "connector \"\(name)\" has no \(SpecLoader.declarationsFileName) to generate from (found \(found))"
        }
    }

    public var hints: [String] {
        switch self {
        case .specFileMissing: return ["check the path given to --spec"]
        case .invalidName: return ["connector names use letters, digits, '_' and '-'"]
        case let .notFound(name, searched, _):
            let places = searched.isEmpty ? "" : " in " + searched.joined(separator: ", ") + " and"
            return ["looked for \(name)/\(SpecLoader.declarationsFileName), \(name)/\(SpecLoader.databricksFileName) or \(name).yaml"
                + places + " among the built-in specs",
                    "`lakeflow-auth connectors` lists what can be set up; --spec FILE reads any spec"]
        case .noDeclarations: return ["write specs/<name>/options.yaml; see specs/README.md"]
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
