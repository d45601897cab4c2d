import FoundationEssentials
import Glibc

/// Writes files at mode 0600 (whatever the umask) so that a reader sees the old file or the new one,
/// never a part of either: a temp file in the same folder, fsync, rename (or link), fsync of the folder.
enum AtomicFileWriter {
    static let fileMode: mode_t = 0o600
    /// Temp files start with this, which no connector name can, so a leftover of a killed save is
    /// recognisable as one.
    static let tempPrefix = ".tmp-"

    /// Replaces (or creates) `path` with `bytes`; not `durable`, nothing is flushed to disk, for a file
    /// that may be lost in a crash (a cache) and should not cost a save two flushes more.
    static func replace(_ path: String, with bytes: [UInt8], durable: Bool = true) throws(StoreError) {
        let temp = try writeTemp(beside: path, bytes, durable: durable)
        guard rename(temp, path) == 0 else {
            let error = StoreError.fromErrno(path, "replace the file")
            unlink(temp)
            throw error
        }
        if durable { try syncFolder(of: path) }
    }

    /// Creates `path` with `bytes` only if nothing is there yet, so that two processes creating the
    /// same file at once agree on one; false when something already was.
    static func createNew(_ path: String, with bytes: [UInt8]) throws(StoreError) -> Bool {
        let temp = try writeTemp(beside: path, bytes)
        defer { unlink(temp) }
        guard link(temp, path) == 0 else {
            if errno == EEXIST { return false }
            throw .fromErrno(path, "create the file")
        }
        try syncFolder(of: path)
        return true
    }

    /// Removes temp files left by killed saves; only safe while holding the store's lock.
    static func removeStaleTemps(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(tempPrefix) { unlink(folder + "/" + name) }
    }

    private static func writeTemp(beside path: String, _ bytes: [UInt8], durable: Bool = true) throws(StoreError) -> String {
        let folder = ParentPath.of(path)
        let temp = "\(folder)/\(tempPrefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, fileMode)
        guard fd >= 0 else { throw .fromErrno(path, "create a temporary file") }
        do throws(StoreError) {
            defer { close(fd) }
            guard fchmod(fd, fileMode) == 0 else { throw .fromErrno(path, "set the mode of the file") }
            try writeAll(fd, bytes, path: path)
            guard !durable || fsync(fd) == 0 else { throw .fromErrno(path, "flush the file to disk") }
        } catch {
            unlink(temp)
            throw error
        }
        return temp
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw .fromErrno(path, "write the file") }
            written += count
        }
    }

    private static func syncFolder(of path: String) throws(StoreError) {
        let folder = ParentPath.of(path)
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .fromErrno(folder, "open the folder") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .fromErrno(folder, "flush the folder to disk") }
    }
}
