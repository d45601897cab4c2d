import FoundationEssentials
import Glibc

/// A value kept in a file, as container images keep secrets and as a PEM key or a service account's
/// JSON is easiest to give: `<CONNECTOR>_<OPTION>_FILE` in the environment, `@path` at a prompt, a key
/// in the full-screen form. One place reads them, so every front end gets the same limits and words.
public enum ValueFile {
    /// As long as any answer typed at a prompt may be.
    public static let maximumSize = 64 * 1024

    /// The file's text, less one final line break (editors and `echo` add one; no value ends in one).
    /// `source` names where the path came from (`FHIR_PRIVATE_KEY_PEM_FILE`, `private_key_pem`). The
    /// file is read without blocking and must be a regular one: a FIFO would otherwise hang the tool.
    public static func read(_ path: String, for source: String) throws(ValueFileError) -> String {
        let trimmed = path.trimmingSpaces
        guard !trimmed.isEmpty else { throw ValueFileError(source: source, path: path, problem: .noPath) }
        let expanded = trimmed.hasPrefix("~/") ? HomeFolder.path + trimmed.dropFirst() : trimmed
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(expanded, limit: maximumSize).bytes
        } catch {
            let problem: ValueFileError.Problem
            switch error {
            case .notFound: problem = .notFound
            case .tooLarge: problem = .tooLarge
            case let .notRegular(kind): problem = .notAFile(kind: kind)
            case .symbolicLink, .system: problem = .unreadable
            }
            throw ValueFileError(source: source, path: trimmed, problem: problem)
        }
        guard var text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains("\0") else {
            throw ValueFileError(source: source, path: trimmed, problem: .notText)
        }
        if text.hasSuffix("\r\n") { text.removeLast() } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

public struct ValueFileError: UserFacingError, Equatable {
    public enum Problem: Sendable, Equatable {
        case noPath, notFound, unreadable, tooLarge, notText
        /// A folder, FIFO or device, named as `kind` says.
        case notAFile(kind: String)
    }

    public let source: String
    public let path: String
    public let problem: Problem

    public init(source: String, path: String, problem: Problem) {
        self.source = source
        self.path = path
        self.problem = problem
    }

    public var message: String {
        let file = TerminalText.excerpt(path)
        switch problem {
        case .noPath: return "\(source): type the path of the file to load"
        case .notFound: return "\(source): there is no file \(file)"
        case .unreadable: return "\(source): cannot read \(file)"
        case .tooLarge: return "\(source): \(file) is larger than \(ValueFile.maximumSize / 1024) KiB, which no value needs"
        case .notText: return "\(source): \(file) is not UTF-8 text"
        case let .notAFile(kind): return "\(source): \(file) is \(kind), not a file"
        }
    }

    public var hints: [String] {
        problem == .unreadable || problem == .notFound ? ["check that the file exists and is readable"] : []
    }

    public var exitStatus: ExitStatus { .badInput }
}
