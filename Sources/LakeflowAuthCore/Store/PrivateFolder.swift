import FoundationEssentials
import Glibc

/// A folder only its owner can enter: 0700 set explicitly, whatever the umask.
enum PrivateFolder {
    static let mode: mode_t = 0o700

    /// Creates the folder and any missing parents; an existing folder is left as it is.
    static func make(_ path: String) throws(StoreError) {
        if mkdir(path, mode) == 0 {
            guard chmod(path, mode) == 0 else { throw .fromErrno(path, "set the mode of the folder") }
            return
        }
        let mkdirError = errno
        if mkdirError == ENOENT, path != "/" {
            try make(ParentPath.of(path))
            return try make(path)
        }
        var status = stat()
        guard mkdirError == EEXIST, stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw .fileSystem(path: path, operation: "create the folder", reason: String(cString: strerror(mkdirError)))
        }
    }

    /// An existing folder must be a real folder (not a link to one) of this user that nobody else
    /// can write: otherwise another local user could swap the files in it. A missing one passes.
    static func check(_ path: String) throws(StoreError) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return }
            throw .fromErrno(path, "inspect the folder")
        }
        let type = status.st_mode & S_IFMT
        guard type != S_IFLNK else { throw .unsafe(path: path, problem: .symbolicLink) }
        guard type == S_IFDIR else { throw .unsafe(path: path, problem: .notFolder(kind: BoundedFile.kind(of: status.st_mode))) }
        guard status.st_uid == geteuid() else { throw .unsafe(path: path, problem: .ownedByAnotherUser(uid: status.st_uid)) }
        guard status.st_mode & 0o022 == 0 else { throw .unsafe(path: path, problem: .writableByOthers(folder: true)) }
    }
}
