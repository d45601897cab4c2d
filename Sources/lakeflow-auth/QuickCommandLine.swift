import ArgumentParser

/// A command whose everyday lines are read without ArgumentParser (see `QuickCommandLine`).
protocol QuicklyParsed: ParsableCommand {
    /// Every value at its declared default, as ArgumentParser leaves what a line does not give.
    static func unparsed() -> Self
    /// The arguments in the order they are given.
    static var positionals: [WritableKeyPath<Self, String>] { get }
    /// Flags without a value.
    static var switches: [String: WritableKeyPath<Self, Bool>] { get }
    /// Options with a value, converted as ArgumentParser converts it; false when the text does not convert.
    static var options: [String: (inout Self, String) -> Bool] { get }
    /// The checks ArgumentParser runs after parsing: the command's `validate()` and its groups'.
    mutating func validateAll() throws
}

/// Reads a command line without ArgumentParser, for the commands whose start-up time is a target.
///
/// ArgumentParser builds its argument sets by reflection, and the runtime's first type lookups each
/// scan every protocol conformance of this large binary: a quarter to a third of the work of a
/// wizard's or `spec inspect`'s start. A line made only of the command's own words, each given once,
/// is read here; any other (a short flag, a repeat, `--`, a value that looks like a flag, a mistake, a
/// value that fails validation) goes to ArgumentParser, which answers it as it always did. The tests
/// hold this reading to ArgumentParser's on the same lines, and to every flag the command declares,
/// so the command's property declarations stay the one place a flag is defined.
enum QuickCommandLine {
    /// Nil when ArgumentParser must read the line.
    static func parse<Command: QuicklyParsed>(_ arguments: [String], as: Command.Type) -> Command? {
        var command = Command.unparsed()
        var positionals = Command.positionals[...]
        var seen: Set<String> = []
        var rest = arguments[...]
        while let word = rest.popFirst() {
            guard word.hasPrefix("--") else {
                guard !word.hasPrefix("-"), let next = positionals.popFirst() else { return nil }
                command[keyPath: next] = word
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard seen.insert(name).inserted else { return nil }
            if let flag = Command.switches[name], parts.count == 1 {
                command[keyPath: flag] = true
            } else if let set = Command.options[name] {
                // ArgumentParser reads `--spec=` as a missing value and `--spec --plain` as two flags.
                let value = parts.count == 2 ? String(parts[1]) : rest.popFirst()
                guard let value, parts.count == 2 ? !value.isEmpty : !value.hasPrefix("-"), set(&command, value) else { return nil }
            } else {
                return nil
            }
        }
        guard positionals.isEmpty else { return nil }
        do {
            try command.validateAll()
        } catch {
            return nil
        }
        return command
    }
}
