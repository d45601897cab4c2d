import ArgumentParser
import FoundationEssentials
import LakeflowAuthCore

/// What `exec` and `export --with-access-token` share: the spec that says whether Unity Catalog injects
/// an access token, and the fresh one when it does.
struct InjectedAccessToken: ParsableArguments {
    @Option(help: "Read the connector's spec from this file (it says whether Unity Catalog injects an access_token).")
    var spec: String?

    /// The connector's spec as setup resolves it, or the one `--spec` names. Unless `--spec` named one,
    /// a spec that is nowhere to be found (credentials written elsewhere) or cannot be read is nil: the
    /// connector then gets its stored options alone (`CredentialExport` says how they are named), and
    /// the tests still run.
    func connectorSpec(_ connector: String) throws -> ConnectorSpec? {
        do {
            let loaded = try SpecResolver(environment: ProcessInfo.processInfo.environment).resolve(connector, specFile: spec).load()
            Diagnostics.warn(loaded.warnings)
            return loaded
        } catch ResolutionError.notFound where spec == nil {
            return nil
        } catch let error as UserFacingError where spec == nil {
            Diagnostics.note("cannot read the spec of \(connector) (\(error.message)), so its stored options are handed out alone")
            return nil
        }
    }

    /// The fresh access token, nil when the connector is given none (or its spec is not found here).
    func obtain(for envelope: CredentialEnvelope, spec: ConnectorSpec?, store: CredentialStore) async throws -> String? {
        guard let spec else {
            if envelope.oauth != nil {
                Diagnostics.note("no spec found for \(envelope.connector), so no access_token is handed out; --spec FILE names one")
            }
            return nil
        }
        return try await FreshAccessToken.obtain(for: envelope, spec: spec, store: store)
    }
}
