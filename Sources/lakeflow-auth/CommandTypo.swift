import ArgumentParser
import LakeflowAuthCore

/// Tells a mistyped command from a connector: the first word of a line names a command or, failing
/// that, a connector to set up, so a typo in a command's name (`lst`, `shwo acme`) reaches the wizard
/// as a connector nobody has. Only once that has failed is the word held against the commands the
/// root declares (so a command added there is suggested too): nothing is added to a start that works.
enum CommandTypo {
    /// Every word that names a command: each subcommand's name and aliases, and `help`.
    static var commandNames: [String] {
        LakeflowAuthCommand.configuration.subcommands.flatMap { command in
            (command.configuration.commandName.map { [$0] } ?? []) + command.configuration.aliases
        } + ["help"]
    }

    /// The command closest to `word`, when one is a few edits away.
    static func nearestCommand(to word: String) -> String? {
        NameSuggestion.closest(to: word, among: commandNames, limit: 1).first
    }

    /// `help <topic>` with a topic that names no command: an error, not the main help.
    static func checkHelpTopic(_ arguments: [String]) throws {
        guard arguments.first == "help", arguments.count > 1, let topic = arguments.dropFirst().first,
              !topic.hasPrefix("-"), !commandNames.contains(topic) else { return }
        throw UnknownCommand.helpTopic(topic, nearest: nearestCommand(to: topic))
    }

    /// The error to report for `failure`: a mistyped command where the line's first word is one,
    /// else `failure` itself.
    static func explain(_ failure: Error, arguments: [String]) -> Error {
        guard let word = arguments.first, !word.hasPrefix("-"), !commandNames.contains(word),
              !arguments.contains(where: { $0 == "--spec" || $0.hasPrefix("--spec=") }),
              let nearest = nearestCommand(to: word) else { return failure }
        var connectors: [String] = []
        switch failure {
        case let ResolutionError.notFound(name, _, suggestions) where name == word:
            connectors = suggestions
        case is UserFacingError:
            return failure
        default:
            // A parse error (`shwo acme`: one argument too many for a connector), unless the word does
            // name a connector and the mistake is in its flags.
            guard LakeflowAuthCommand.exitCode(for: failure) == .validationFailure,
                  (try? SpecResolver().resolve(word)) == nil else { return failure }
        }
        return UnknownCommand.mistyped(line: arguments, nearest: nearest, connectors: connectors)
    }
}
