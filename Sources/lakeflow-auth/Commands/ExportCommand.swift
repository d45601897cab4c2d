import ArgumentParser
import LakeflowAuthCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print a connector's options for its tests, on stdout only.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, env
    }

    @Argument(help: "The connector whose options to print.")
    var connector: String

    @Option(help: "json: the options object; env: NAME='value' lines named by each option's env var.")
    var format: Format = .json

    @OptionGroup var profile: ProfileOption

    @Flag(help: "Add the access_token Unity Catalog would inject, fresh (minted and stored when the stored one has a minute or less left), as exec does.")
    var withAccessToken = false

    @OptionGroup var accessToken: InjectedAccessToken

    func validate() throws {
        if accessToken.spec != nil && !withAccessToken && format != .env {
            throw ValidationError("--spec goes with --with-access-token or --format env")
        }
    }

    func run() async throws {
        let store = StoreAccess.store()
        let envelope = try store.open(connector, profile: try profile.resolved())
        CredentialListing.notes(envelope).forEach { Diagnostics.note("note: " + $0) }
        // The spec is read only when something needs it: plain JSON is the stored options alone.
        let spec = withAccessToken || format == .env ? try accessToken.connectorSpec(connector) : nil
        var token: String?
        if withAccessToken {
            token = try await accessToken.obtain(for: envelope, spec: spec, store: store)
            guard token != nil else { throw AccessTokenNotInjected(connector: connector, authMethod: envelope.authMethod) }
        }
        switch format {
        case .json: StoreAccess.write(CredentialExport.json(envelope, accessToken: token))
        case .env:
            let export = try CredentialExport(envelope, spec: spec, accessToken: token)
            export.notes.forEach { Diagnostics.note("note: " + $0) }
            StoreAccess.write(export.envLines)
        }
    }
}
