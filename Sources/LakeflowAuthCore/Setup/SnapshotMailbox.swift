import PosixThreads

/// A session's latest snapshot, for a front end that draws from a thread of its own and cannot await
/// (curses belongs to one thread, which waits for keys): it reads the latest whenever it draws, and
/// after sending an action waits until that action has been applied.
public final class SnapshotMailbox: @unchecked Sendable {
    private let condition = ConditionLock()
    private var current: SetupSnapshot
    /// The number of the last action sent with `SetupSession.send(_:)` that the session has applied.
    private var applied = 0

    init(_ first: SetupSnapshot) {
        current = first
    }

    public var latest: SetupSnapshot {
        condition.lock()
        defer { condition.unlock() }
        return current
    }

    func put(_ snapshot: SetupSnapshot, applied action: Int) {
        condition.lock()
        if snapshot.version > current.version { current = snapshot }
        applied = max(applied, action)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the action numbered `ticket` (as `send` returned it) has been applied, at most
    /// `timeout`; the latest snapshot then, and whether the action was applied.
    public func wait(for ticket: Int, timeout: Duration) -> (snapshot: SetupSnapshot, applied: Bool) {
        let deadline = ContinuousClock.now + timeout
        condition.lock()
        defer { condition.unlock() }
        while applied < ticket, condition.wait(until: deadline) {}
        return (current, applied >= ticket)
    }
}
