/// `--from-env` from start to end: values from the environment, validated, probed, sealed and saved,
/// with nothing asked of anyone.
public struct HeadlessSetup: Sendable {
    public let spec: ConnectorSpec
    public let environment: [String: String]
    public let authMethod: String?
    public let probe: ProbeClient?
    public let probeTimeout: Duration
    public let store: CredentialStore

    public init(spec: ConnectorSpec, environment: [String: String], authMethod: String?, probe: ProbeClient?,
                probeTimeout: Duration, store: CredentialStore) {
        self.spec = spec
        self.environment = environment
        self.authMethod = authMethod
        self.probe = probe
        self.probeTimeout = probeTimeout
        self.store = store
    }

    public struct Report: Sendable {
        public let probe: ProbeResult?
        public let savedPath: String

        /// The one line a CI log shows.
        public var summary: String {
            guard let probe else { return "saved unverified (--no-probe) to \(savedPath)" }
            guard probe.isVerified else { return "\(probe.message); saved unverified to \(savedPath)" }
            return "\(probe.message); saved to \(savedPath)"
        }
    }

    /// Nothing is saved unless every value is valid and the probe, when one runs, succeeds.
    public func run() async throws -> Report {
        let credentials = try HeadlessForm.credentials(spec: spec, environment: environment, authMethod: authMethod)
        var result: ProbeResult?
        if let probe {
            let outcome = try await probe.probe(credentials, spec: spec, timeout: probeTimeout)
            guard outcome.isVerified || outcome.outcome == .unverified else {
                throw HeadlessProbeFailure(result: outcome, spec: spec)
            }
            result = outcome
        }
        let path = try store.save(CredentialEnvelope(credentials: credentials, spec: spec, probe: result.flatMap { ProbeRecord($0) }))
        return Report(probe: result, savedPath: path)
    }
}
