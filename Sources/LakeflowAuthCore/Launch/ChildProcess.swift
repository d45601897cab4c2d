import Glibc
import PosixThreads

/// A program started with `posix_spawn`, as Foundation's `Process` started it on Linux: in a process
/// group of its own (a Ctrl-C at the terminal is this tool's to handle, not the helper's), with no
/// descriptor of ours but the three it is given.
struct ChildProcess {
    let identifier: pid_t

    struct CannotStart: Error {}

    /// - Parameters:
    ///   - arguments: the program (looked up on `PATH` by `/usr/bin/env`) and its arguments.
    ///   - standardOutput: the descriptor its stdout is; /dev/null when nil. Its stdin and stderr are /dev/null.
    static func start(_ arguments: [String], standardOutput: Int32? = nil) throws(CannotStart) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let standardOutput {
            posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var identifier = pid_t()
        guard posix_spawn(&identifier, "/usr/bin/env", &actions, &attributes, argv, environ) == 0 else { throw CannotStart() }
        return ChildProcess(identifier: identifier)
    }

    /// Waits for it to end: its exit status, or the signal that ended it (as `Process` reported it).
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(identifier, &status, 0) < 0 && errno == EINTR {}
        return Self.exitStatus(status)
    }

    /// Its exit status when it has ended, collected then; nil while it runs.
    func exitStatusIfEnded() -> Int32? {
        var status: Int32 = 0
        guard waitpid(identifier, &status, WNOHANG) == identifier else { return nil }
        return Self.exitStatus(status)
    }

    func send(_ signal: Int32) {
        kill(identifier, signal)
    }

    /// Collects its exit on a thread of its own, for a program left running (a browser) that would
    /// otherwise stay a zombie until this process ends.
    func collectExitInBackground() {
        let identifier = identifier
        DetachedThread.start {
            var status: Int32 = 0
            while waitpid(identifier, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// The descriptors open in this process, from `/proc/self/fd`.
    private static func openDescriptors() -> [Int32] {
        guard let folder = opendir("/proc/self/fd") else { return [] }
        let own = dirfd(folder)
        var descriptors: [Int32] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let descriptor = Int32(name), descriptor != own { descriptors.append(descriptor) }
        }
        closedir(folder)
        return descriptors
    }

    private static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : signal
    }
}
