import LakeflowAuthCore
import Synchronization

/// The `--json` events of this process: started by the command that was asked for them, ended by
/// the exit path with what stopped the command, so every run that asked ends with its last event.
enum JSONEvents {
    private static let running = Mutex<SetupEventWriter?>(nil)

    /// The commands whose `--json` means events (`show`'s and `spec inspect`'s print a document).
    private static let eventCommands: Set<String> = ["wizard", "probe"]

    /// Starts writing events on stdout for the running command.
    static func start() -> SetupEventWriter {
        let writer = SetupEventWriter.standardOutput()
        running.withLock { $0 = writer }
        JSONEventsSignalEnd.install(writer)
        return writer
    }

    /// The writer that ends the run: the command's own, or, for a line refused before any command
    /// ran, one when the line asked a setup or `probe` for events (before any `--`).
    static func ending(_ arguments: [String]) -> SetupEventWriter? {
        if let writer = running.withLock({ $0 }) { return writer }
        let own = arguments.prefix { $0 != "--" }
        guard own.contains("--json"), let first = own.first,
              eventCommands.contains(first) || !ConnectorName.subcommands.contains(first) else { return nil }
        return start()
    }
}
