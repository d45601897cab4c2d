import ArgumentParser

/// Reads `lakeflow-auth <connector> [flags]` into a `WizardCommand` without ArgumentParser.
///
/// ArgumentParser builds its argument sets by reflection, and the runtime's first type lookups each
/// scan every protocol conformance of this large binary: about a quarter of the wizard's work from
/// start to its first frame or prompt. A command line made only of the wizard's own words, each given
/// once, is read here; any other (a short flag, a repeat, `--`, a value that looks like a flag, a
/// mistake, values that fail validation) goes to ArgumentParser, which answers it as it always did.
/// The tests hold this reading to ArgumentParser's on the same lines, and to every flag the command
/// declares, so the declarations in `WizardCommand` stay the one place a flag is defined.
enum WizardCommandLine {
    static var switches: [String: WritableKeyPath<WizardCommand, Bool>] {[
        "--plain": \.plain, "--from-env": \.fromEnv, "--no-probe": \.noProbe,
        "--browser": \.browserForm.browser, "--no-open": \.browserForm.noOpen,
    ]}

    /// Each option's value, converted as ArgumentParser converts it; nil when the text does not convert.
    static var options: [String: (inout WizardCommand, String) -> Bool] {[
        "--env-file": { $0.envFile = $1; return true },
        "--auth-method": { $0.authMethod = $1; return true },
        "--spec": { $0.spec = $1; return true },
        "--timeout": { $0.browserForm.timeout = $1; return true },
        "--probe-timeout": { command, text in
            guard let seconds = Double(text) else { return false }
            command.probeTimeout.seconds = seconds
            return true
        },
        "--port": { command, text in
            guard let port = UInt16(text) else { return false }
            command.browserForm.port = port
            return true
        },
    ]}

    /// Nil when ArgumentParser must read the line.
    static func parse(_ arguments: [String]) -> WizardCommand? {
        var command = WizardCommand.unparsed()
        var connector: String?
        var seen: Set<String> = []
        var rest = arguments[...]
        while let word = rest.popFirst() {
            guard word.hasPrefix("--") else {
                guard connector == nil, !word.hasPrefix("-") else { return nil }
                connector = word
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard seen.insert(name).inserted else { return nil }
            if let flag = switches[name], parts.count == 1 {
                command[keyPath: flag] = true
            } else if let set = options[name] {
                // ArgumentParser reads `--spec=` as a missing value and `--spec --plain` as two flags.
                let value = parts.count == 2 ? String(parts[1]) : rest.popFirst()
                guard let value, parts.count == 2 ? !value.isEmpty : !value.hasPrefix("-"), set(&command, value) else { return nil }
            } else {
                return nil
            }
        }
        guard let connector else { return nil }
        command.connector = connector
        do {
            try command.probeTimeout.validate()
            try command.browserForm.validate()
            try command.validate()
        } catch {
            return nil
        }
        return command
    }
}

private extension WizardCommand {
    /// Every value at its declared default, as ArgumentParser leaves an absent flag.
    static func unparsed() -> WizardCommand {
        var command = WizardCommand()
        command.plain = false
        command.fromEnv = false
        command.noProbe = false
        command.envFile = nil
        command.authMethod = nil
        command.spec = nil
        command.probeTimeout = ProbeTimeoutOption()
        command.probeTimeout.seconds = ProbeTimeoutOption.defaultSeconds
        command.browserForm = BrowserFormFlags()
        command.browserForm.browser = false
        command.browserForm.noOpen = false
        command.browserForm.port = nil
        command.browserForm.timeout = nil
        return command
    }
}
