import PosixThreads

/// The thread every loopback server runs its work on.
///
/// Swift's shared executor has one thread per core. A process that hosts the sandbox and also blocks
/// some of those threads (a test waiting for a child process, a form waiting for a line of input)
/// would otherwise leave the server no thread to answer on; on a two-core machine, none at all.
final class LoopbackExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = LoopbackExecutor()

    private let condition = ConditionLock()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    private init() {
        DetachedThread.start { [unowned self] in self.runJobs() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
