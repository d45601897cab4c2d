import FoundationEssentials

/// Keeps a committed `connector_spec.yaml` equal to what its declarations render to.
public enum SpecDrift {
    public static func check(rendered: String, committed path: String, connector: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecDriftError.missing(path: path, connector: connector)
        }
        let committed = String(decoding: data, as: UTF8.self)
        guard committed != rendered else { return }
        let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let new = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(old, new).enumerated().first { $1.0 != $1.1 }?.offset ?? min(old.count, new.count)
        func at(_ lines: [Substring]) -> String { line < lines.count ? String(lines[line]) : "(end of file)" }
        throw SpecDriftError.stale(path: path, connector: connector, line: line + 1,
                                   expected: at(new), found: at(old))
    }

    public static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SpecDriftError.unwritable(path: path)
        }
    }
}

public enum SpecDriftError: UserFacingError, Equatable {
    case missing(path: String, connector: String)
    case stale(path: String, connector: String, line: Int, expected: String, found: String)
    case unwritable(path: String)

    public var message: String {
        switch self {
        case let .missing(path, _): return "\(path) does not exist"
        case let .stale(path, _, line, expected, found):
            return "\(path):\(line): stale: the declarations render \(quote(expected)) here, the file has \(quote(found))"
        case let .unwritable(path): return "cannot write \(path)"
        }
    }

    private func quote(_ line: String) -> String {
        "\"" + TerminalText.excerpt(line.trimmingSpaces, limit: 200) + "\""
    }

    public var hints: [String] {
        switch self {
        case let .missing(_, connector), let .stale(_, connector, _, _, _):
            return ["run `lakeflow-auth spec \(connector)` and commit the result"]
        case .unwritable: return ["check that the folder exists and is writable"]
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
