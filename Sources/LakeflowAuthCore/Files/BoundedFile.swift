import FoundationEssentials
import Glibc

/// Reads a whole file up to a limit without ever blocking on it. Paths come from people, specs and
/// the store, and may name a FIFO (whose open or read waits for a writer forever), a device or a
/// folder: the file is opened with `O_NONBLOCK` and must be a regular file before a byte is read.
enum BoundedFile {
    enum Failure: Error, Equatable {
        case notFound
        /// A symbolic link, where the caller asked for none to be followed.
        case symbolicLink
        /// A folder, FIFO, socket or device; `kind` says which, for the message.
        case notRegular(kind: String)
        case tooLarge
        case system(operation: String, reason: String)
    }

    struct Contents {
        let bytes: [UInt8]
        let owner: uid_t
        let mode: mode_t
    }

    static func read(_ path: String, limit: Int, followLinks: Bool = true) throws(Failure) -> Contents {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            switch errno {
            case ENOENT: throw .notFound
            case ELOOP where !followLinks: throw .symbolicLink
            default: throw systemFailure("open the file")
            }
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw systemFailure("read the file") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegular(kind: kind(of: status.st_mode)) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw systemFailure("read the file") }
            if count == 0 { return Contents(bytes: bytes, owner: status.st_uid, mode: status.st_mode & 0o7777) }
            bytes += buffer[0..<count]
            guard bytes.count <= limit else { throw .tooLarge }
        }
    }

    /// What a file that is not a regular one is, in the words of a message.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    private static func systemFailure(_ operation: String) -> Failure {
        .system(operation: operation, reason: String(cString: strerror(errno)))
    }
}
