import FoundationEssentials
import Synchronization

/// Writes `--json`'s events, one line each, and is the one place they are made: every form and
/// `--from-env` feed it their session's snapshots (`SetupPlan.events`), `probe` its result, and the
/// command's end what stopped it.
///
/// The snapshots give what happens on the way and the success (`url` of an OAuth step, `checking`,
/// `checked`, `saved`); a run that fails or is cancelled ends with what the command ends with
/// (`end(with:)`), since that, not the session's last state, is the exit status: a browser form left
/// idle ends its session as cancelled but exits with its own error.
public final class SetupEventWriter: Sendable {
    private let sink: @Sendable (String) -> Void
    private let progress = Mutex<(previous: SetupState?, ended: Bool)>((nil, false))

    /// - Parameter sink: takes each event's line, with its line break.
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Events to standard output, each written to the descriptor at once: a buffered line would sit
    /// in a pipe's buffer while the agent that reads it waits.
    public static func standardOutput() -> SetupEventWriter {
        SetupEventWriter { line in StandardStreams.writeOutput(line) }
    }

    /// Whether the last event of the run was written.
    public var hasEnded: Bool { progress.withLock { $0.ended } }

    /// Writes `event`, unless the run's last event was written already.
    public func write(_ event: SetupEvent) {
        progress.withLock { progress in
            guard !progress.ended else { return }
            progress.ended = event.isLast
            sink(event.line + "\n")
        }
    }

    /// Writes what changed since the snapshot before (a session calls it with each one it publishes).
    public func record(_ snapshot: SetupSnapshot) {
        let previous = progress.withLock { progress in
            defer { progress.previous = snapshot.state }
            return progress.previous
        }
        for event in Self.events(from: previous, to: snapshot) { write(event) }
    }

    /// Writes the last event of a run that stops with `error`: `cancelled` when the person left,
    /// `error` otherwise; nothing when the run already ended.
    public func end(with error: any UserFacingError) {
        if let cancelled = error as? SetupCancelled {
            write(.cancelled(cancelled))
        } else {
            write(.error(message: error.message, hints: error.hints, exitStatus: error.exitStatus))
        }
    }

    /// The events that a step from `previous` to `snapshot` makes.
    static func events(from previous: SetupState?, to snapshot: SetupSnapshot) -> [SetupEvent] {
        let connector = snapshot.form.spec.connector
        switch snapshot.state {
        case .checking:
            // Back from the OAuth provider the check goes on: it did not start again.
            return previous?.isCheckInFlight == true ? [] : [.checking(connector: connector, source: snapshot.form.spec.title)]
        case let .authorizing(step):
            if case let .authorizing(shown)? = previous, shown.url == step.url { return [] }
            return [.url(step.url, purpose: .authorization)]
        case let .checkFailed(failure):
            if case .checkFailed? = previous { return [] }
            return [.checked(connector: connector, CheckFinding(failure))]
        case let .saved(saved):
            guard case let .passed(result) = saved.check, previous?.isCheckInFlight == true else {
                return [.saved(connector: connector, saved)]
            }
            return [.checked(connector: connector, CheckFinding(result)), .saved(connector: connector, saved)]
        case .editing, .needsPassphrase, .cancelled, .failed:
            return []
        }
    }
}
