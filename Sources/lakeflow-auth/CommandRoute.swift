import ArgumentParser

/// Finds the command a command line names by its words, then parses it alone.
///
/// Parsing from the root, ArgumentParser first reflects over every command of the tree (looking for
/// completion-script requests and passthrough arguments): about half of the work of a start, before
/// the command does anything. Parsing only the named command gives the same command and values. What
/// it would answer differently goes through the root parse instead: help, version and completion
/// requests, whose texts name the whole command line, and every error, whose message should too.
/// A command that is `QuicklyParsed` is read without ArgumentParser at all when its line allows.
enum CommandRoute {
    static func parse(_ arguments: [String]) throws -> sending ParsableCommand {
        if let command = parseNamed(arguments) { return command }
        return try LakeflowAuthCommand.parseAsRoot(arguments)
    }

    /// Nil when the root parse must answer.
    private static func parseNamed(_ arguments: [String]) -> ParsableCommand? {
        guard !arguments.contains(where: isForTheRoot) else { return nil }
        var command: ParsableCommand.Type = LakeflowAuthCommand.self
        var rest = arguments[...]
        while !command.configuration.subcommands.isEmpty {
            // A subcommand named after its type would need ArgumentParser's own naming rule.
            guard command.configuration.subcommands.allSatisfy({ $0.configuration.commandName != nil }) else { return nil }
            if let word = rest.first, let named = command.configuration.subcommands.first(where: { names($0).contains(word) }) {
                command = named
                rest = rest.dropFirst()
            } else if let fallback = command.configuration.defaultSubcommand {
                command = fallback
            } else {
                return nil
            }
        }
        if let quick = command as? any QuicklyParsed.Type, let parsed = QuickCommandLine.parse(Array(rest), as: quick) {
            return parsed
        }
        return try? command.parseAsRoot(Array(rest))
    }

    private static func names(_ command: ParsableCommand.Type) -> [String] {
        (command.configuration.commandName.map { [$0] } ?? []) + command.configuration.aliases
    }

    /// Words only the root parse answers as the person expects.
    private static func isForTheRoot(_ argument: String) -> Bool {
        ["help", "-h", "--help", "-help", "--version", "--experimental-dump-help"].contains(argument)
            || argument.hasPrefix("--generate-completion-script")
    }
}
