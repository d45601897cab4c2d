import Foundation

/// A value loaded from a file rather than typed (a PEM private key, a service account's JSON), as every
/// interactive front end offers it: read up to the longest value a form takes, and only if it is text.
public enum ValueFile {
    /// No option value is longer.
    public static let limit = 64 * 1024

    /// The file's text, byte for byte. `~/` at the start means the home folder in `environment`.
    public static func read(_ path: String, environment: [String: String]) throws(ValueFileError) -> String {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .noPath }
        var expanded = trimmed
        if trimmed.hasPrefix("~/"), let home = environment["HOME"] { expanded = home + trimmed.dropFirst() }
        let bytes: [UInt8]?
        do {
            bytes = try BoundedFileReader.read(expanded, limit: limit)
        } catch StoreError.tooLarge {
            throw .tooLarge(path: expanded, limit: limit)
        } catch {
            throw .unreadable(path: expanded, reason: String(cString: strerror(errno)))
        }
        guard let bytes else { throw .notFound(path: expanded) }
        guard let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains("\0") else {
            throw .notText(path: expanded)
        }
        return text
    }
}

public enum ValueFileError: UserFacingError, Equatable {
    case noPath
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, limit: Int)
    case notText(path: String)

    public var message: String {
        switch self {
        case .noPath: return "type the path of the file to load"
        case let .notFound(path): return "there is no file \(TerminalText.sanitized(path))"
        case let .unreadable(path, reason): return "cannot read \(TerminalText.sanitized(path)): \(reason)"
        case let .tooLarge(path, limit): return "\(TerminalText.sanitized(path)) is larger than \(limit / 1024) KiB, more than any value"
        case let .notText(path): return "\(TerminalText.sanitized(path)) is not UTF-8 text"
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
