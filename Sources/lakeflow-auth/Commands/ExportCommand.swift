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

    @Flag(help: "Add the access_token Unity Catalog would inject, fresh (minted and stored when the stored one has a minute or less left), as exec does.")
    var withAccessToken = false

    @OptionGroup var accessToken: InjectedAccessToken

    func validate() throws {
        if accessToken.spec != nil && !withAccessToken { throw ValidationError("--spec goes with --with-access-token") }
    }

    func run() async throws {
        let store = StoreAccess.store()
        let envelope = try store.open(connector)
        var token: String?
        if withAccessToken {
            token = try await accessToken.obtain(for: envelope, store: store)
            guard token != nil else { throw AccessTokenNotInjected(connector: connector, authMethod: envelope.authMethod) }
        }
        switch format {
        case .json: StoreAccess.write(CredentialExport.json(envelope, accessToken: token))
        case .env: StoreAccess.write(CredentialExport.envLines(envelope, accessToken: token))
        }
    }
}
