import LakeflowAuthCore

/// What becomes of the credentials once the form is filled. The executable supplies both, so this
/// module knows neither HTTP nor files, and tests can stand in for them.
public struct PlainFormActions: Sendable {
    /// Checks credentials against the source; nil when the check is skipped (`--no-probe`).
    public var probe: (@Sendable (Credentials) async throws(ProbeURLError) -> ProbeResult)?
    /// Stores credentials with the probe that checked them (nil when none ran) and returns where.
    public var save: @Sendable (Credentials, ProbeResult?) throws -> String

    public init(probe: (@Sendable (Credentials) async throws(ProbeURLError) -> ProbeResult)?,
                save: @escaping @Sendable (Credentials, ProbeResult?) throws -> String) {
        self.probe = probe
        self.save = save
    }
}
