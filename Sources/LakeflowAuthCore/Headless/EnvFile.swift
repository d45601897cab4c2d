import FoundationEssentials

/// A dotenv file: `NAME=value` lines, `#` comments, blank lines, an optional `export ` prefix, and
/// values in single quotes (literal) or double quotes (with `\n`, `\"`, `\\` escapes).
public enum EnvFile {
    /// Env files hold a handful of lines; a larger file is refused rather than read whole.
    public static let maximumSize = 256 * 1024

    public static func load(path: String) throws(EnvFileError) -> [String: String] {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, limit: maximumSize).bytes
        } catch {
            switch error {
            case .tooLarge: throw .tooLarge(path: path, limit: maximumSize)
            case let .notRegular(kind): throw .notAFile(path: path, kind: kind)
            default: throw .unreadable(path: path)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notText(path: path) }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(EnvFileError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in lines(text).enumerated() {
            let location = SourceLocation(path: path, line: index + 1, column: 1)
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " } }
            guard let equals = line.firstIndex(of: "=") else {
                throw .malformed(location, "expected NAME=value")
            }
            let name = line[..<equals].trimmingSpaces
            // Not quoted: a line missing its name may start with the secret (`s3cr3t=`).
            guard EnvVarName.isValid(name) else {
                throw .malformed(location, "the text before '=' is not a variable name")
            }
            values[name] = try value(line[line.index(after: equals)...], at: location)
        }
        return values
    }

    private static func value(_ raw: Substring, at location: SourceLocation) throws(EnvFileError) -> String {
        let text = raw.drop { $0 == " " || $0 == "\t" }
        guard let quote = text.first, quote == "'" || quote == "\"" else {
            let unquoted = text.firstRange(of: " #").map { text[..<$0.lowerBound] } ?? text
            return unquoted.trimmingSpaces
        }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == quote {
                let rest = text[text.index(after: index)...].trimmingSpaces
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

    /// Only LF ends a line, as in dotenv (a CR before it goes with it): U+2028, NEL or a form feed
    /// inside a value stay in the value, where the value rules refuse them.
    private static func lines(_ text: String) -> [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let scalars = line.last == "\r" ? line.dropLast() : line[...]
            return Substring(String(String.UnicodeScalarView(scalars)))
        }
    }
}

public enum EnvFileError: UserFacingError, Equatable {
    case unreadable(path: String)
    case tooLarge(path: String, limit: Int)
    case notText(path: String)
    case notAFile(path: String, kind: String)
    /// Never quotes the line: it may hold a secret.
    case malformed(SourceLocation, String)

    public var message: String {
        switch self {
        case let .unreadable(path): return "\(path): cannot read the env file"
        case let .tooLarge(path, limit): return "\(path): the env file is larger than \(limit / 1024) KiB"
        case let .notText(path): return "\(path): the env file is not UTF-8 text"
        case let .notAFile(path, kind): return "\(path): the env file is \(kind), not a regular file"
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
