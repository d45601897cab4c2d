import Foundation

/// An advisory lock (`flock`) on one file, held for the length of a closure. A waiter gives up after
/// `timeout` rather than hanging behind a stuck process; the kernel drops the lock when its holder
/// dies, so a killed writer never leaves the store locked.
struct FileLock: Sendable {
    let path: String
    let timeout: Duration

    func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, AtomicFileWriter.fileMode)
        guard fd >= 0 else { throw .fromErrno(path, "open the lock file") }
        defer { close(fd) }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw .fromErrno(path, "lock the store") }
            guard clock.now < deadline else {
                throw .locked(path: path, waited: timeout)
            }
            usleep(10_000)
        }
        return try body()
    }
}
