import FoundationEssentials
import Glibc

/// Which of the store's files a message is about.
public enum StoredFileKind: Sendable, Equatable {
    case credential
    case identity
    case recipients
    /// `credentials/index.json`, what `status` shows without the identity.
    case index
    /// `credentials/.written`, the record `rekey` rolls back from.
    case writeRecord

    var name: String {
        switch self {
        case .credential: return "credential file"
        case .identity: return "identity file"
        case .recipients: return "recipients file"
        case .index: return "credential index"
        case .writeRecord: return "record of the files written"
        }
    }
}

/// The store's own files, read only when the store can trust them.
enum StoredFile {
    /// Reads one of the store's files: a regular file, no link, owned by this user and writable by
    /// nobody else, so another local user can neither plant nor change it. nil when there is none.
    static func read(_ path: String, limit: Int, kind: StoredFileKind) throws(StoreError) -> BoundedFile.Contents? {
        let contents: BoundedFile.Contents
        do {
            contents = try BoundedFile.read(path, limit: limit, followLinks: false)
        } catch {
            switch error {
            case .notFound: return nil
            case .symbolicLink: throw StoreError.unsafe(path: path, problem: .symbolicLink)
            case let .notRegular(what): throw StoreError.unsafe(path: path, problem: .notRegularFile(kind: what))
            case .tooLarge: throw StoreError.tooLarge(path: path, limit: limit, kind: kind)
            case let .system(operation, reason): throw StoreError.fileSystem(path: path, operation: operation, reason: reason)
            }
        }
        guard contents.owner == geteuid() else { throw StoreError.unsafe(path: path, problem: .ownedByAnotherUser(uid: contents.owner)) }
        guard contents.mode & 0o022 == 0 else { throw StoreError.unsafe(path: path, problem: .writableByOthers(folder: false)) }
        return contents
    }
}
