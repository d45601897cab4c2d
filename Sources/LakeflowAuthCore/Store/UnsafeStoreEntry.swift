import FoundationEssentials
import Glibc

/// Why the store will not use one of its folders or files.
public enum UnsafeStoreEntry: Sendable, Equatable {
    case symbolicLink
    case notFolder(kind: String)
    case notRegularFile(kind: String)
    case ownedByAnotherUser(uid: uid_t)
    case writableByOthers(folder: Bool)

    var text: String {
        switch self {
        case .symbolicLink: return "is a symbolic link, which the store never follows"
        case let .notFolder(kind): return "is \(kind), where the store needs a folder"
        case let .notRegularFile(kind): return "is \(kind), not a regular file"
        case let .ownedByAnotherUser(uid): return "is owned by another user (uid \(uid)), so it cannot be trusted"
        case let .writableByOthers(folder):
            return "the \(folder ? "folder" : "file") can be changed by other users, so it cannot be trusted"
        }
    }

    func fix(_ path: String) -> String {
        switch self {
        case .symbolicLink: return "replace the link with the real folder or file: `rm \(path)`, then run again"
        case .notFolder: return "move it aside (`mv \(path) \(path).old`), then run again"
        case .notRegularFile: return "remove it (`rm \(path)`), then run again"
        case .ownedByAnotherUser:
            return "check who put it there; if it is yours, `chown $(id -un) \(path)`, else remove it"
        case let .writableByOthers(folder): return "chmod \(folder ? "700" : "600") \(path)"
        }
    }
}
