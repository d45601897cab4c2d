import ArgumentParser
@testable import lakeflow_auth
import Testing

/// `QuickCommandLine` reads the wizard's and `spec inspect`'s lines without ArgumentParser; these hold
/// it to ArgumentParser's reading of the same lines, so the two cannot drift apart.
@Suite struct QuickCommandLineTests {
    static let agreeing: [[String]] = [
        ["acme"],
        ["acme", "--plain"],
        ["--plain", "acme"],
        ["acme", "--plain", "--no-open"],
        ["acme", "--from-env", "--env-file", "ci.env", "--no-probe"],
        ["acme", "--from-env", "--env-file=ci.env"],
        ["acme", "--auth-method", "basic", "--spec", "specs/acme/options.yaml"],
        ["acme", "--auth-method", ""],
        ["acme", "--probe-timeout", "2.5"],
        ["acme", "--probe-timeout=600"],
        ["acme", "--browser", "--no-open", "--port", "8123", "--timeout", "30m"],
        ["acme", "--port=65535", "--timeout", "90"],
        ["acme", "--from-env", "--timeout", "1h"],
        ["acme", "--from-env", "--device"],
        ["acme", "--redirect-uri", "http://localhost:9876/oauth/callback"],
        ["acme", "--browser", "--redirect-uri=http://127.0.0.1:8080/cb"],
        ["ünïcode-connector", "--spec", "a file with spaces.yaml"],
        ["acme", "--from-env", "--profile", "prod"],
        ["acme", "--profile=../not-checked-here"],
    ]

    @Test(arguments: agreeing)
    func readsAWizardLineAsArgumentParserDoes(_ line: [String]) throws {
        let fast = try #require(QuickCommandLine.parse(line, as: WizardCommand.self), "the quick reading gave up on \(line)")
        let parsed = try #require(try WizardCommand.parseAsRoot(line) as? WizardCommand)
        #expect(Reading(fast) == Reading(parsed))
    }

    /// Lines ArgumentParser must answer: its messages name the mistake, and its rules (repeats, short
    /// flags, `--`) are its own.
    static let declined: [[String]] = [
        [],
        ["acme", "other"],
        ["acme", "--plain", "--plain"],
        ["acme", "--unknown"],
        ["acme", "-p"],
        ["acme", "--", "--plain"],
        ["acme", "--plain=yes"],
        ["acme", "--spec"],
        ["acme", "--spec="],
        ["acme", "--spec", "--plain"],
        ["acme", "--probe-timeout", "soon"],
        ["acme", "--probe-timeout", "0"],
        ["acme", "--port", "70000"],
        ["acme", "--port", "0"],
        ["acme", "--timeout", "forever"],
        ["acme", "--plain", "--from-env"],
        ["acme", "--env-file", "ci.env"],
        ["acme", "--browser", "--plain"],
        ["acme", "--from-env", "--port", "8123"],
        ["acme", "--from-env", "--no-open"],
        ["acme", "--device"],
        ["acme", "--from-env", "--device", "--redirect-uri", "http://localhost:9876/oauth/callback"],
        ["acme", "--redirect-uri", "https://localhost:9876/oauth/callback"],
        ["acme", "--redirect-uri", "http://example.com/oauth/callback"],
    ]

    @Test(arguments: declined)
    func leavesToArgumentParserTheWizardLinesItMustAnswer(_ line: [String]) {
        #expect(QuickCommandLine.parse(line, as: WizardCommand.self) == nil)
    }

    @Test(arguments: [
        ["fhir.yaml"], ["fhir.yaml", "--json"], ["--json", "acme", "--strict"], ["a spec with spaces.yaml", "--strict"],
    ])
    func readsAnInspectLineAsArgumentParserDoes(_ line: [String]) throws {
        let fast = try #require(QuickCommandLine.parse(line, as: SpecCommand.Inspect.self), "the quick reading gave up on \(line)")
        let parsed = try #require(try SpecCommand.Inspect.parseAsRoot(line) as? SpecCommand.Inspect)
        #expect([fast.target, "\(fast.json)", "\(fast.strict)"] == [parsed.target, "\(parsed.json)", "\(parsed.strict)"])
    }

    @Test(arguments: [[], ["a.yaml", "b.yaml"], ["a.yaml", "--json", "--json"], ["a.yaml", "--pretty"], ["a.yaml", "--json=yes"]])
    func leavesToArgumentParserTheInspectLinesItMustAnswer(_ line: [String]) {
        #expect(QuickCommandLine.parse(line, as: SpecCommand.Inspect.self) == nil)
    }

    @Test func knowsEveryFlagTheWizardDeclares() {
        #expect(declaredFlags(WizardCommand.self) == quickFlags(WizardCommand.self))
    }

    @Test func knowsEveryFlagInspectDeclares() {
        #expect(declaredFlags(SpecCommand.Inspect.self) == quickFlags(SpecCommand.Inspect.self))
    }

    private func declaredFlags(_ command: any ParsableCommand.Type) -> Set<String> {
        let help = command.helpMessage(columns: 1000)
        let flags = Set(help.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
            .filter { $0.hasPrefix("--") && $0.count > 2 && $0 != "--help" })
        #expect(!flags.isEmpty)
        return flags
    }

    private func quickFlags<Command: QuicklyParsed>(_ command: Command.Type) -> Set<String> {
        Set(Command.switches.keys).union(Command.options.keys)
    }
}

/// The values a reading produced, compared as a whole.
private struct Reading: Equatable {
    let connector: String
    let switches: [Bool]
    let envFile: String?, authMethod: String?, spec: String?, timeout: String?, profile: String?, redirectURI: String?
    let probeSeconds: Double
    let port: UInt16?

    init(_ command: WizardCommand) {
        connector = command.connector
        switches = [command.plain, command.fromEnv, command.noProbe, command.browserForm.browser, command.browserForm.noOpen,
                    command.oauth.device]
        envFile = command.envFile
        authMethod = command.authMethod
        spec = command.spec
        timeout = command.browserForm.timeout
        profile = command.profile.profile
        redirectURI = command.oauth.redirectOption.uri
        probeSeconds = command.probeTimeout.seconds
        port = command.browserForm.port
    }
}
