#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An alternate stack for the signal handlers of the thread that holds the terminal: a stack overflow
/// there leaves no room on the thread's own stack for the handler that restores the terminal. The
/// Swift runtime may give the main thread one; the full-screen form runs on a thread of its own.
/// One stack for the process, allocated on first use and kept: a release on another thread than the hold
/// leaves it on the holding thread, where it stays valid.
enum SignalStack {
    private static let size = 256 * 1024

    nonisolated(unsafe) private static var memory: UnsafeMutableRawPointer?
    nonisolated(unsafe) private static var owner: pthread_t?

    /// Gives this thread the stack, unless it has an alternate stack already or another thread has this one.
    static func installForThisThread() {
        var current = stack_t()
        guard owner == nil, sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let memory = memory ?? UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        Self.memory = memory
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
        if sigaltstack(&stack, nil) == 0 { owner = pthread_self() }
    }

    /// Takes the stack back from this thread, when this thread has it.
    static func removeFromThisThread() {
        guard let owner, pthread_equal(owner, pthread_self()) != 0 else { return }
        var disabled = stack_t()
        disabled.ss_flags = Int32(SS_DISABLE)
        sigaltstack(&disabled, nil)
        Self.owner = nil
    }
}
