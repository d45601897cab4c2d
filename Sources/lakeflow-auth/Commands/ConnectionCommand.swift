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

    func connection(comment: String?) throws -> UnityCatalogConnection {
        let environment = ProcessInfo.processInfo.environment
        let envelope = try StoreAccess.store().open(connector)
        let spec = try SpecResolver(environment: environment).resolve(connector, specFile: self.spec).load()
        return try UnityCatalogConnection(name: name, comment: comment, envelope: envelope, spec: spec)
    }

    func client() throws -> UnityCatalogClient {
        UnityCatalogClient(workspace: try DatabricksWorkspace.find(environment: ProcessInfo.processInfo.environment,
                                                                   profile: profile))
    }

    func printDryRun(method: String, path: String, body: JSONValue, connection: UnityCatalogConnection) {
        print("\(method) \(path)")
        print(connection.shown(body).serialized(pretty: true))
    }
}

struct ConnectionCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a Unity Catalog connection.")

    @OptionGroup var target: ConnectionTarget

    @Option(help: "A comment stored with the connection.")
    var comment: String?

    func run() async throws {
        let connection = try target.connection(comment: comment)
        if target.dryRun {
            target.printDryRun(method: "POST", path: "/api/2.1/unity-catalog/connections", body: connection.createBody,
                               connection: connection)
            return
        }
        let outcome = try await target.client().create(connection)
        print("Created connection \(outcome.name)\(outcome.id.map { " (id \($0))" } ?? "") in \(outcome.host)")
    }
}

struct ConnectionUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update",
                                                    abstract: "Replace the options of a Unity Catalog connection.")

    @OptionGroup var target: ConnectionTarget

    func run() async throws {
        let connection = try target.connection(comment: nil)
        if target.dryRun {
            target.printDryRun(method: "PATCH", path: "/api/2.1/unity-catalog/connections/\(connection.name)",
                               body: connection.updateBody, connection: connection)
            return
        }
        let outcome = try await target.client().update(connection)
        print("Updated connection \(outcome.name)\(outcome.id.map { " (id \($0))" } ?? "") in \(outcome.host)")
    }
}
