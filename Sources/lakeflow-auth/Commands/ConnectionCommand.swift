import ArgumentParser
import FoundationEssentials
import LakeflowAuthCore

/// `lakeflow-auth connection create|update|status`: the stored, checked credentials become a Unity
/// Catalog connection, with no secret on the command line, and the connection is compared with them.
struct ConnectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connection",
        abstract: "Create, update or compare a Unity Catalog connection made from stored credentials.",
        subcommands: [ConnectionCreateCommand.self, ConnectionUpdateCommand.self, ConnectionStatusCommand.self])
}

/// Which workspace: `--databricks-profile`, else Databricks' own variables and configuration file.
struct DatabricksProfileOption: ParsableArguments {
    @Option(name: .customLong("databricks-profile"),
            help: ArgumentHelp("The ~/.databrickscfg profile to use (default: $DATABRICKS_CONFIG_PROFILE, else DEFAULT).",
                               valueName: "name"))
    var name: String?

    func workspace() throws -> DatabricksWorkspace {
        try DatabricksWorkspace.find(environment: ProcessInfo.processInfo.environment, profile: name)
    }
}

/// What the subcommands share: which credentials, which connection, which workspace.
struct ConnectionTarget: ParsableArguments {
    @Argument(help: "The connector whose stored credentials to use, e.g. github.")
    var connector: String

    @Argument(help: "The connection's name in Unity Catalog.")
    var name: String

    @OptionGroup var profile: ProfileOption

    @OptionGroup var databricks: DatabricksProfileOption

    @Option(help: "Read the connector's spec from this file.")
    var spec: String?

    func validate() throws {
        guard UnityCatalogConnection.isValidName(name) else {
            throw ValidationError("a connection name is 1 to 255 letters, digits, underscores or dashes")
        }
    }

    /// The stored credentials (the store unlocked once, since the push is recorded with them) and the spec.
    func stored() throws -> (store: CredentialStore, envelope: CredentialEnvelope, spec: ConnectorSpec) {
        let profile = try self.profile.resolved()
        let plain = StoreAccess.store()
        try plain.requireStored(connector, profile: profile)
        let store = try StoreAccess.unlockedStore()
        let envelope = try store.open(connector, profile: profile)
        CredentialListing.notes(envelope).forEach { Diagnostics.note("note: " + $0) }
        let spec = try SpecResolver(environment: ProcessInfo.processInfo.environment).resolve(connector, specFile: self.spec).load()
        return (store, envelope, spec)
    }

    func client() throws -> UnityCatalogClient {
        UnityCatalogClient(workspace: try databricks.workspace())
    }
}

/// Create and update: make the connection's options and send them.
struct ConnectionPushOptions: ParsableArguments {
    @Flag(help: "Print the request, secrets masked, and send nothing.")
    var dryRun = false

    @OptionGroup var redirectOption: RedirectOption

    /// The connection from the stored credentials. A code-flow connector's person signs in here, since
    /// Unity Catalog redeems the code itself and codes live minutes; a dry run shows where it would go.
    func connection(_ name: String, comment: String?, envelope: CredentialEnvelope, spec: ConnectorSpec) async throws -> UnityCatalogConnection {
        try await Self.connection(name, comment: comment, envelope: envelope, spec: spec, signIn: !dryRun,
                                  redirect: redirectOption.redirect)
    }

    /// - Parameter signIn: whether a code-flow connector's person signs in (not for a dry run).
    static func connection(_ name: String, comment: String?, envelope: CredentialEnvelope, spec: ConnectorSpec, signIn: Bool,
                           redirect: OAuthRedirect) async throws -> UnityCatalogConnection {
        var consent: OAuthConsent?
        if signIn, spec.oauthFlow(for: envelope.authMethod.flatMap(spec.authMethod(named:)))?.flow == .u2m {
            let authorization = OAuthAuthorization(presenter: { url in
                StandardStreams.writeOutput(url.absoluteString + "\n")
                Diagnostics.note("open that link to sign in to \(spec.title) for the connection \(name) (Ctrl-C to stop)")
            }, redirect: redirect)
            consent = try await authorization.consent(for: envelope.credentials, spec: spec)
        }
        return try UnityCatalogConnection(name: name, comment: comment, envelope: envelope, spec: spec, consent: consent)
    }

    func printDryRun(method: String, path: String, body: JSONValue, connection: UnityCatalogConnection) {
        HumanOutput.line("\(method) \(path)")
        print(connection.shown(body).serialized(pretty: true))
    }
}

struct ConnectionCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a Unity Catalog connection.")

    @OptionGroup var target: ConnectionTarget

    @OptionGroup var push: ConnectionPushOptions

    @Option(help: "A comment stored with the connection.")
    var comment: String?

    func run() async throws {
        let (store, envelope, spec) = try target.stored()
        let connection = try await push.connection(target.name, comment: comment, envelope: envelope, spec: spec)
        if push.dryRun {
            push.printDryRun(method: "POST", path: "/api/2.1/unity-catalog/connections", body: connection.createBody,
                             connection: connection)
            return
        }
        let client = try target.client()
        let outcome = try await client.create(connection)
        try store.recordPush(host: client.workspace.address, name: connection.name, for: envelope.connector, profile: envelope.profile)
        HumanOutput.line("Created connection \(outcome.name)\(outcome.id.map { " (id \($0))" } ?? "") in \(outcome.host)")
    }
}

struct ConnectionUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update",
                                                    abstract: "Replace the options of a Unity Catalog connection.")

    @OptionGroup var target: ConnectionTarget

    @OptionGroup var push: ConnectionPushOptions

    func run() async throws {
        let (store, envelope, spec) = try target.stored()
        let connection = try await push.connection(target.name, comment: nil, envelope: envelope, spec: spec)
        if push.dryRun {
            push.printDryRun(method: "PATCH", path: "/api/2.1/unity-catalog/connections/\(connection.name)",
                             body: connection.updateBody, connection: connection)
            return
        }
        let client = try target.client()
        let outcome = try await client.update(connection)
        try store.recordPush(host: client.workspace.address, name: connection.name, for: envelope.connector, profile: envelope.profile)
        HumanOutput.line("Updated connection \(outcome.name)\(outcome.id.map { " (id \($0))" } ?? "") in \(outcome.host)")
    }
}

/// `connection status`: the connection as the workspace holds it, compared with the one the stored
/// credentials make; the comparison is kept with the credentials when the connection was made from them.
struct ConnectionStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Compare a Unity Catalog connection's options with the stored credentials (secret values excepted).")

    @OptionGroup var target: ConnectionTarget

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    func run() async throws {
        let (store, envelope, spec) = try target.stored()
        // No sign-in: what a sign-in adds is never compared (`ConnectionDrift.signInOptions`).
        let expected = try UnityCatalogConnection(name: target.name, comment: nil, envelope: envelope, spec: spec)
        let client = try target.client()
        let remote = try await client.read(expected.name)
        let drift = ConnectionDrift(expected: expected, remote: remote, host: client.workspace.address,
                                    connector: envelope.connector, profile: envelope.profile)
        try store.recordComparison(drift.comparison, host: drift.host, name: drift.name, for: envelope.connector,
                                   profile: envelope.profile)
        StoreAccess.write(json ? drift.json.serialized(pretty: true) + "\n" : drift.lines.map { $0 + "\n" }.joined())
    }
}
