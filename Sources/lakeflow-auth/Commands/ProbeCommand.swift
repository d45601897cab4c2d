import ArgumentParser
import FoundationEssentials
import LakeflowAuthCore

/// `lakeflow-auth probe <connector>`: asks the source again whether the stored credentials work, and
/// records the answer with them. `probe --all` does so for every stored credential, for a cron line
/// or a CI step: 0 when all passed, 3 when any was rejected, 4 when any went unanswered.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check stored credentials against the source again and record the result.",
        usage: "lakeflow-auth probe <connector> [--profile <name>] [--spec <file>] [--json]\nlakeflow-auth probe --all")

    @Argument(help: "The connector whose stored credentials to check.")
    var connector: String?

    @Flag(help: "Check every stored credential, each profile of each connector.")
    var all = false

    @OptionGroup var profile: ProfileOption

    @Option(help: "Read the connector's spec from this file.")
    var spec: String?

    @OptionGroup var probeTimeout: ProbeTimeoutOption

    @Flag(help: "Write events on stdout as JSON lines (checking, checked, error), for an agent or a script; messages stay on stderr.")
    var json = false

    func validate() throws {
        if all {
            if connector != nil { throw ValidationError("--all checks every connector; name none") }
            if profile.profile != nil { throw ValidationError("--all checks every profile; --profile goes with a connector") }
            if spec != nil { throw ValidationError("--spec goes with a connector, not with --all") }
            if json { throw ValidationError("--json goes with a connector, not with --all") }
        } else if connector == nil {
            throw ValidationError("name the connector to check, or --all")
        }
    }

    func run() async throws {
        guard let connector else { return try await ProbeAll(timeout: probeTimeout.duration).run() }
        let events = json ? JSONEvents.start() : nil
        let environment = ProcessInfo.processInfo.environment
        let profile = try self.profile.resolved()
        try StoreAccess.store().requireStored(connector, profile: profile)
        let store = try StoreAccess.unlockedStore()
        let envelope = try store.open(connector, profile: profile)
        let spec = try SpecResolver(environment: environment).resolve(connector, specFile: self.spec).load()
        Diagnostics.warn(spec.warnings)
        events?.write(.checking(connector: connector, source: spec.title))
        let result = try await StoredCredentialCheck(store: store, timeout: probeTimeout.duration).run(envelope, spec: spec)
        events?.write(.checked(connector: connector, CheckFinding(result)))
        guard result.passes else {
            throw StoredProbeFailure(result: result, connector: connector, profile: profile)
        }
        if events == nil {
            HumanOutput.line(result.message)
        } else {
            Diagnostics.note(result.message)
        }
    }
}
