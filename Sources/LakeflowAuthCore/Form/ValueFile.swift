import Foundation

/// A value kept in a file, as container images keep secrets: `<CONNECTOR>_<OPTION>_FILE` in the
/// environment, `@path` at a prompt. One place reads them, so every front end gets the same limits
/// and the same words.
public enum ValueFile {
    /// As long as any answer typed at a prompt may be.
    public static let maximumSize = 64 * 1024

    /// The file's text, less one final line break (editors and `echo` add one; no value ends in one).
    /// `source` names where the path came from (`FHIR_PRIVATE_KEY_PEM_FILE`, `private_key_pem`).
    public static func read(_ path: String, for source: String) throws(ValueFileError) -> String {
        let expanded = path.hasPrefix("~/") ? NSHomeDirectory() + path.dropFirst() : path
        guard let handle = FileHandle(forReadingAtPath: expanded) else { throw ValueFileError(source: source, path: path, problem: .unreadable) }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumSize + 1)) ?? Data()
        guard data.count <= maximumSize else { throw ValueFileError(source: source, path: path, problem: .tooLarge) }
        guard var text = String(data: data, encoding: .utf8), !text.contains("\0") else {
            throw ValueFileError(source: source, path: path, problem: .notText)
        }
        if text.hasSuffix("\r\n") { text.removeLast() } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

public struct ValueFileError: UserFacingError, Equatable {
    public enum Problem: Sendable, Equatable { case unreadable, tooLarge, notText }
    public let source: String
    public let path: String
    public let problem: Problem

    public init(source: String, path: String, problem: Problem) {
        self.source = source
        self.path = path
        self.problem = problem
    }

    public var message: String {
        let file = TerminalText.sanitized(path)
        switch problem {
        case .unreadable: return "\(source): cannot read \(file)"
        case .tooLarge: return "\(source): \(file) is larger than \(ValueFile.maximumSize / 1024) KiB, which no value needs"
        case .notText: return "\(source): \(file) is not UTF-8 text"
        }
    }

    public var hints: [String] {
        problem == .unreadable ? ["check that the file exists and is readable"] : []
    }

    public var exitStatus: ExitStatus { .badInput }
}
