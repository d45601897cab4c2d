import Dispatch
import Glibc
import LakeflowAuthCore
import LakeflowAuthTerminal

/// Ends a `--json` run that a signal stops with the `cancelled` event, so the agent that started the
/// browser form in the background and then stopped it (Ctrl-C in its shell, `kill`) reads why the run
/// ended, as after Quit on the page, and the exit status is the one that event says (130).
///
/// Dispatch sources rather than handlers: the event is written under the writer's lock, which a
/// signal handler may not take. A form that holds the terminal puts its own handlers in place while it
/// does (`TerminalRestoration`); those write the same event, rendered before.
enum JSONEventsSignalEnd {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(_ writer: SetupEventWriter) {
        let cancelled = SetupCancelled.byPerson
        TerminalRestoration.endWith(lastLine: SetupEvent.cancelled(cancelled).line + "\n", exitStatus: cancelled.exitStatus.rawValue)
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                writer.end(with: cancelled)
                _exit(cancelled.exitStatus.rawValue)
            }
            source.resume()
            return source
        }
    }
}
