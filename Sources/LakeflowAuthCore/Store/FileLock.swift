import FoundationEssentials
import Glibc

/// An advisory lock (`flock`) on one file, held for the length of a closure. A waiter gives up after
/// `timeout` rather than hanging behind a stuck process; the kernel drops the lock when its holder
/// dies, so a killed writer never leaves the store locked.
struct FileLock: Sendable {
    let path: String
    let timeout: Duration

    func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let fd = try openLockFile()
        defer { close(fd) }
        let deadline = ContinuousClock.now + timeout
        while try !tryLocking(fd, until: deadline) { usleep(10_000) }
        return try body()
    }

    /// The same for a body that waits on something else meanwhile (a token endpoint): the lock is the
    /// process's, whichever thread the body resumes on.
    func withLock<T>(_ body: () async throws -> T) async throws -> T {
        let fd = try openLockFile()
        defer { close(fd) }
        let deadline = ContinuousClock.now + timeout
        while try !tryLocking(fd, until: deadline) { try await Task.sleep(for: .milliseconds(10)) }
        return try await body()
    }

    private func openLockFile() throws(StoreError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, AtomicFileWriter.fileMode)
        guard fd >= 0 else { throw .fromErrno(path, "open the lock file") }
        return fd
    }

    /// True once locked; false to try again; throws when it is an error or the wait is over.
    private func tryLocking(_ fd: Int32, until deadline: ContinuousClock.Instant) throws(StoreError) -> Bool {
        guard flock(fd, LOCK_EX | LOCK_NB) != 0 else { return true }
        guard errno == EWOULDBLOCK || errno == EINTR else { throw .fromErrno(path, "lock the store") }
        guard ContinuousClock.now < deadline else { throw .locked(path: path, waited: timeout) }
        return false
    }
}
