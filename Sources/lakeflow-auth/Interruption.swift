import Dispatch
import FoundationEssentials
import Glibc

/// Hears the first Ctrl-C (SIGINT) while it is held, instead of the process dying of it, so that a
/// command can stop its work and say what it kept; a second Ctrl-C ends the process as usual.
final class Interruption {
    private let source: DispatchSourceSignal

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            signal(SIGINT, SIG_DFL)
            handler()
        }
        source.resume()
    }

    /// Gives SIGINT its usual meaning back.
    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
