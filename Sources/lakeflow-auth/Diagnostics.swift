import ArgumentParser
import FoundationEssentials
import Glibc
import LakeflowAuthCore

/// The one voice of every message on stderr: `lakeflow-auth: error: …`, then `lakeflow-auth: hint: …`.
/// Every line passes the terminal sanitizer here, whatever its source already did: a message may quote
/// a server, a file, an argument or an env var.
enum Diagnostics {
    static func error(_ message: String, hints: [String] = []) {
        StandardStreams.writeError(text(message, hints: hints))
    }

    /// The lines `error` writes, for a writer that cannot call it (a signal handler).
    static func text(_ message: String, hints: [String] = []) -> String {
        lines("error", message, hints: hints)
    }

    /// What a spec reader let pass but a person should see, in the voice of errors.
    static func warn(_ warnings: [SpecError]) {
        guard !warnings.isEmpty else { return }
        let text = warnings.map { lines("warning", $0.message, hints: $0.hints) }
        StandardStreams.writeError(text.joined())
    }

    static func note(_ message: String, hints: [String] = []) {
        StandardStreams.writeError("lakeflow-auth: \(TerminalText.sanitizedLines(message))\n"
            + hints.map { "lakeflow-auth: hint: \(TerminalText.sanitizedLines($0))\n" }.joined())
    }

    private static func lines(_ kind: String, _ message: String, hints: [String]) -> String {
        "lakeflow-auth: \(kind): \(TerminalText.sanitizedLines(message))\n"
            + hints.map { "lakeflow-auth: hint: \(TerminalText.sanitizedLines($0))\n" }.joined()
    }

    /// An error that does not end the command (a refused paste: the wait goes on).
    static func warn(_ error: UserFacingError) {
        StandardStreams.writeError(lines("warning", error.message, hints: error.hints))
    }

    /// Ends the process for any error: ours with its exit status, the parser's (bad flags) with 2,
    /// help and version with 0, and anything else as the internal failure it is, with 1. A run that
    /// asked for `--json` events ends them with the same message.
    static func exit(with error: Error) -> Never {
        HTTPClient.finishPreparing()
        if let error = error as? UserFacingError { exit(reporting: error) }
        if let code = error as? ExitCode {
            Glibc.exit(code.rawValue)
        }
        let code = LakeflowAuthCommand.exitCode(for: error)
        guard code != .success else { LakeflowAuthCommand.exit(withError: error) }
        guard code == .validationFailure else { exit(reporting: InternalError(error)) }
        let message = LakeflowAuthCommand.message(for: error)
            .split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        var hints = ["run `lakeflow-auth --help` for usage"]
        let arguments = CommandLine.arguments
        // Only a subcommand that was handed the wizard's words (`lakeflow-auth list --from-env`) was
        // likely meant as a connector; a subcommand's own mistake is just that.
        let strayWords = message.hasPrefix("Unknown option") || message.hasPrefix("Unexpected argument")
        if strayWords, arguments.count > 1, ConnectorName.subcommands.contains(arguments[1]), arguments[1] != "help" {
            hints.append("to set up a connector named \(arguments[1]), run `\(ConnectorName.setupCommand(arguments[1]))`")
        }
        exit(reporting: RefusedArguments(
            message: TerminalText.excerpt(message.replacing("Error: ", with: "").lowercasedFirst, limit: 500),
            hints: hints))
    }

    private static func exit(reporting error: UserFacingError) -> Never {
        JSONEvents.ending(Array(CommandLine.arguments.dropFirst()))?.end(with: error)
        self.error(error.message, hints: error.hints)
        Glibc.exit(error.exitStatus.rawValue)
    }
}

/// A command line the parser refused, told in the voice of every error.
private struct RefusedArguments: UserFacingError {
    let message: String
    let hints: [String]
    var exitStatus: ExitStatus { .badInput }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
