import ArgumentParser
import Foundation
import LakeflowAuthCore

/// What `exec` and `export --with-access-token` share: the spec that says whether Unity Catalog injects
/// an access token, and the fresh one when it does.
struct InjectedAccessToken: ParsableArguments {
    @Option(help: "Read the connector's spec from this file (it says whether Unity Catalog injects an access_token).")
    var spec: String?

    /// The fresh access token, nil when the connector is given none. Unless `--spec` named one, a
    /// connector whose spec is nowhere to be found (credentials written elsewhere) or cannot be read
    /// gets its stored options alone, as before there were access tokens to hand out: the tests still run.
    func obtain(for envelope: CredentialEnvelope, store: CredentialStore) async throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        let loaded: ConnectorSpec
        do {
            loaded = try SpecResolver(environment: environment).resolve(envelope.connector, specFile: spec).load()
        } catch ResolutionError.notFound where spec == nil {
            if envelope.oauth != nil {
                Diagnostics.note("no spec found for \(envelope.connector), so no access_token is handed out; --spec FILE names one")
            }
            return nil
        } catch let error as UserFacingError where spec == nil {
            Diagnostics.note("cannot read the spec of \(envelope.connector) (\(error.message)), so no access_token is handed out")
            return nil
        }
        Diagnostics.warn(loaded.warnings)
        return try await FreshAccessToken.obtain(for: envelope, spec: loaded, store: store)
    }
}
