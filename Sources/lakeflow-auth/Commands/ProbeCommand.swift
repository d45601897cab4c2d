import ArgumentParser
import Foundation
import LakeflowAuthCore

/// `lakeflow-auth probe <connector>`: asks the source again whether the stored credentials work, and
/// records the answer with them.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check stored credentials against the source again and record the result.")

    @Argument(help: "The connector whose stored credentials to check.")
    var connector: String

    @Option(help: "Read the connector's spec from this file.")
    var spec: String?

    @OptionGroup var probeTimeout: ProbeTimeoutOption

    @Flag(help: "Write events on stdout as JSON lines (checking, checked, error), for an agent or a script; messages stay on stderr.")
    var json = false

    func run() async throws {
        let events = json ? JSONEvents.start() : nil
        let environment = ProcessInfo.processInfo.environment
        let store = StoreAccess.store()
        let envelope = try store.open(connector)
        let spec = try SpecResolver(environment: environment).resolve(connector, specFile: self.spec).load()
        Diagnostics.warn(spec.warnings)
        events?.write(.checking(connector: connector, source: spec.title))
        let authorization = OAuthAuthorization(presenter: nil, probeTimeout: probeTimeout.duration)
        let result: ProbeResult
        if let grant = try await authorization.authorize(envelope.credentials, spec: spec) {
            result = try await authorization.check(grant, spec: spec)
            try store.recordRefresh(grant, probe: ProbeRecord(result), for: connector)
        } else {
            result = try await ProbeClient().probe(envelope.credentials, spec: spec, timeout: probeTimeout.duration)
            if let record = ProbeRecord(result) {
                try store.recordProbe(record, for: connector)
            }
        }
        events?.write(.checked(connector: connector, CheckVerdict(result)))
        guard result.passes else {
            throw StoredProbeFailure(result: result, connector: connector)
        }
        if events == nil {
            print(result.message)
        } else {
            Diagnostics.note(result.message)
        }
    }
}
