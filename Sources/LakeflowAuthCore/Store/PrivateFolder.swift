import Foundation

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
            try make((path as NSString).deletingLastPathComponent)
            return try make(path)
        }
        var status = stat()
        guard mkdirError == EEXIST, stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw .fileSystem(path: path, operation: "create the folder", reason: String(cString: strerror(mkdirError)))
        }
    }
}
