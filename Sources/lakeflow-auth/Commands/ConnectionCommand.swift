import ArgumentParser
import Foundation
import LakeflowAuthCore

/// `lakeflow-auth connection create|update`: the stored, checked credentials become a Unity Catalog
/// connection, with no secret on the command line.
struct ConnectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connection",
        abstract: "Create or update a Unity Catalog connection from stored credentials.",
        subcommands: [ConnectionCreateCommand.self, ConnectionUpdateCommand.self])
}

/// What `create` and `update` share: which credentials, which workspace, and whether to send.
struct ConnectionTarget: ParsableArguments {
    @Argument(help: "The connector whose stored credentials to use, e.g. github.")
    var connector: String

    @Argument(help: "The connection's name in Unity Catalog.")
    var name: String

    @Option(help: "The ~/.databrickscfg profile to use (default: $DATABRICKS_CONFIG_PROFILE, else DEFAULT).")
    var profile: String?

    @Option(help: "Read the connector's spec from this file.")
    var spec: String?

    @Flag(help: "Print the request, secrets masked, and send nothing.")
    var dryRun = false

    func validate() throws {
        guard UnityCatalogConnection.isValidName(name) else {
            throw ValidationError("a connection name is 1 to 255 letters, digits, underscores or dashes")
        }
    }

    /// The connection from the stored credentials. A code-flow connector's person signs in here, since
    /// Unity Catalog redeems the code itself and codes live minutes; a dry run shows where it would go.
    func connection(comment: String?) async throws -> UnityCatalogConnection {
        let environment = ProcessInfo.processInfo.environment
        let envelope = try StoreAccess.store().open(connector)
        CredentialListing.notes(envelope).forEach { Diagnostics.note("note: " + $0) }
        let spec = try SpecResolver(environment: environment).resolve(connector, specFile: self.spec).load()
        var consent: OAuthConsent?
        if !dryRun, spec.oauthFlow(for: envelope.authMethod.flatMap(spec.authMethod(named:)))?.flow == .u2m {
            let authorization = OAuthAuthorization(presenter: { url in
                FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
                Diagnostics.note("open that link to sign in to \(spec.title) for the connection (Ctrl-C to stop)")
            })
            consent = try await authorization.consent(for: envelope.credentials, spec: spec)
        }
        return try UnityCatalogConnection(name: name, comment: comment, envelope: envelope, spec: spec, consent: consent)
    }

    func client() throws -> UnityCatalogClient {
        UnityCatalogClient(workspace: try DatabricksWorkspace.find(environment: ProcessInfo.processInfo.environment,
                                                                   profile: profile))
    }

    func printDryRun(method: String, path: String, body: JSONValue, connection: UnityCatalogConnection) {
        HumanOutput.line("\(method) \(path)")
        print(connection.shown(body).serialized(pretty: true))
    }
}

struct ConnectionCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a Unity Catalog connection.")

    @OptionGroup var target: ConnectionTarget

    @Option(help: "A comment stored with the connection.")
    var comment: String?

    func run() async throws {
        let connection = try await target.connection(comment: comment)
        if target.dryRun {
            target.printDryRun(method: "POST", path: "/api/2.1/unity-catalog/connections", body: connection.createBody,
                               connection: connection)
            return
        }
        let outcome = try await target.client().create(connection)
        HumanOutput.line("Created connection \(outcome.name)\(outcome.id.map { " (id \($0))" } ?? "") in \(outcome.host)")
    }
}

struct ConnectionUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update",
                                                    abstract: "Replace the options of a Unity Catalog connection.")

    @OptionGroup var target: ConnectionTarget

    func run() async throws {
        let connection = try await target.connection(comment: nil)
        if target.dryRun {
            target.printDryRun(method: "PATCH", path: "/api/2.1/unity-catalog/connections/\(connection.name)",
                               body: connection.updateBody, connection: connection)
            return
        }
        let outcome = try await target.client().update(connection)
        HumanOutput.line("Updated connection \(outcome.name)\(outcome.id.map { " (id \($0))" } ?? "") in \(outcome.host)")
    }
}
