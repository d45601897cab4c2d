/// Asks the source again whether stored credentials work, and records the answer with them:
/// credentials an OAuth flow granted are refreshed (a rotated refresh token is kept) and the grant
/// checked; others are probed. `probe <connector>` and `probe --all` both run this.
public struct StoredCredentialCheck: Sendable {
    public let store: CredentialStore
    public let timeout: Duration

    public init(store: CredentialStore, timeout: Duration = ProbeClient.defaultTimeout) {
        self.store = store
        self.timeout = timeout
    }

    /// The source's answer, recorded with the credentials (but `.unverified`: no check is declared).
    /// A check cancelled on the way records nothing: its answer is not the source's.
    /// - Throws: `OAuthError` (recorded too when it is the provider's verdict), `ProbeURLError` before
    ///   anything is sent, `StoreError` when the answer cannot be recorded, `CancellationError`.
    public func run(_ envelope: CredentialEnvelope, spec: ConnectorSpec) async throws -> ProbeResult {
        let authorization = OAuthAuthorization(presenter: nil, probeTimeout: timeout).remembering(envelope.oauth?.clientAuthentication)
        let grant: OAuthGrant?
        do {
            grant = try await authorization.authorize(envelope.credentials, spec: spec)
        } catch let error as OAuthError where [.rejected, .unreachable].contains(error.exitStatus) {
            try Task.checkCancellation()
            try store.recordProbe(ProbeRecord(failure: error), for: envelope.connector, profile: envelope.profile)
            throw error
        }
        if let grant {
            let result = try await authorization.check(grant, spec: spec)
            try Task.checkCancellation()
            try store.recordRefresh(grant, probe: ProbeRecord(result), for: envelope.connector, profile: envelope.profile)
            return result
        }
        let result = try await ProbeClient().probe(envelope.credentials, spec: spec, timeout: timeout)
        try Task.checkCancellation()
        if let record = ProbeRecord(result) {
            try store.recordProbe(record, for: envelope.connector, profile: envelope.profile)
        }
        return result
    }
}
