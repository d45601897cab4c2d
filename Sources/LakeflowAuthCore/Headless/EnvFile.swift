import Foundation

/// A dotenv file: `NAME=value` lines, `#` comments, blank lines, an optional `export ` prefix, and
/// values in single quotes (literal) or double quotes (with `\n`, `\"`, `\\` escapes).
public enum EnvFile {
    /// Env files hold a handful of lines; a larger file is refused rather than read whole.
    public static let maximumSize = 256 * 1024

    public static func load(path: String) throws(EnvFileError) -> [String: String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path) }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumSize + 1)) ?? Data()
        guard data.count <= maximumSize else { throw .tooLarge(path: path, limit: maximumSize) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(path: path) }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(EnvFileError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let location = SourceLocation(path: path, line: index + 1, column: 1)
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " } }
            guard let equals = line.firstIndex(of: "=") else {
                throw .malformed(location, "expected NAME=value")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard isVariableName(name) else {
                throw .malformed(location, "\"\(TerminalText.sanitized(name))\" is not a variable name")
            }
            values[name] = try value(line[line.index(after: equals)...], at: location)
        }
        return values
    }

    private static func value(_ raw: Substring, at location: SourceLocation) throws(EnvFileError) -> String {
        let text = raw.drop { $0 == " " || $0 == "\t" }
        guard let quote = text.first, quote == "'" || quote == "\"" else {
            let unquoted = text.range(of: " #").map { text[..<$0.lowerBound] } ?? text
            return unquoted.trimmingCharacters(in: .whitespaces)
        }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == quote {
                let rest = text[text.index(after: index)...].trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty || rest.hasPrefix("#") else { throw .malformed(location, "unexpected text after the closing quote") }
                return result
            }
            if quote == "\"", character == "\\", text.index(after: index) < text.endIndex {
                index = text.index(after: index)
                switch text[index] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(text[index])
                }
            } else {
                result.append(character)
            }
            index = text.index(after: index)
        }
        throw .malformed(location, "the value's \(quote) quote is not closed")
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}

public enum EnvFileError: UserFacingError, Equatable {
    case unreadable(path: String)
    case tooLarge(path: String, limit: Int)
    case notText(path: String)
    /// Never quotes the line: it may hold a secret.
    case malformed(SourceLocation, String)

    public var message: String {
        switch self {
        case let .unreadable(path): return "\(path): cannot read the env file"
        case let .tooLarge(path, limit): return "\(path): the env file is larger than \(limit / 1024) KiB"
        case let .notText(path): return "\(path): the env file is not UTF-8 text"
        case let .malformed(location, problem): return "\(location): \(problem)"
        }
    }

    public var hints: [String] {
        switch self {
        case .malformed: return ["env files hold NAME=value lines; see credentials.example"]
        default: return []
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
