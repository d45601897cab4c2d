import FoundationEssentials
import Glibc
import LakeflowAuthCore

/// Replaces this process with a command (`execvp`), so that its exit status and signals are the
/// command's own and no process of ours is left holding the credentials.
enum ProcessReplacement {
    static func exec(_ command: [String], adding environment: [(String, String)], removing withheld: [String]) throws -> Never {
        for name in withheld { unsetenv(name) }
        for (name, value) in environment { setenv(name, value, 1) }
        // exec keeps the signal mask and ignored signals; the command should start as a shell would start it.
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        signal(SIGPIPE, SIG_DFL)
        let arguments = command.map { strdup($0) } + [nil]
        execvp(command[0], arguments)
        let failure = errno
        throw CommandLaunchError(command: command[0], notFound: failure == ENOENT,
                                 reason: String(cString: strerror(failure)))
    }
}
