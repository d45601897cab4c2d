import ArgumentParser

/// The wizard's line, read without ArgumentParser: its start is the product's first impression.
extension WizardCommand: QuicklyParsed {
    static func unparsed() -> WizardCommand {
        var command = WizardCommand()
        command.connector = ""
        command.plain = false
        command.fromEnv = false
        command.noProbe = false
        command.dryRun = false
        command.reveal = false
        command.json = false
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
        command.profile = ProfileOption()
        command.profile.profile = nil
        command.oauth = OAuthFlags()
        command.oauth.redirectOption = RedirectOption()
        command.oauth.redirectOption.uri = nil
        command.oauth.device = false
        return command
    }

    static var positionals: [WritableKeyPath<WizardCommand, String>] { [\.connector] }

    static var switches: [String: WritableKeyPath<WizardCommand, Bool>] {[
        "--plain": \.plain, "--from-env": \.fromEnv, "--no-probe": \.noProbe, "--json": \.json,
        "--browser": \.browserForm.browser, "--no-open": \.browserForm.noOpen, "--device": \.oauth.device,
        "--dry-run": \.dryRun, "--reveal": \.reveal,
    ]}

    static var options: [String: (inout WizardCommand, String) -> Bool] {[
        "--env-file": { $0.envFile = $1; return true },
        "--auth-method": { $0.authMethod = $1; return true },
        "--spec": { $0.spec = $1; return true },
        "--timeout": { $0.browserForm.timeout = $1; return true },
        "--profile": { $0.profile.profile = $1; return true },
        "--redirect-uri": { $0.oauth.redirectOption.uri = $1; return true },
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

    mutating func validateAll() throws {
        try probeTimeout.validate()
        try browserForm.validate()
        try oauth.redirectOption.validate()
        try oauth.validate()
        try validate()
    }
}
