import FoundationEssentials

/// How stored options reach a connector's tests: the `options` object alone, as JSON or as env vars,
/// with the `access_token` Unity Catalog would inject where the connector reads one (`FreshAccessToken`).
///
/// Which env var an option becomes is the connector's spec's to say, never the file's: an age file needs
/// only this machine's public key to write, so a file that named `BASH_ENV` or `LD_PRELOAD` would run
/// code in every child of `exec`. The file's `env_vars` may only agree; where they do not, the spec's
/// name is used and a note says so. An option the spec does not know, and every option when no spec is
/// found here (it moved, or was given with `--spec` at setup), gets the name the spec would derive,
/// `<CONNECTOR>_<OPTION>`: inside the connector's own prefix, which the user chose by naming the
/// connector, and checked against `ReservedEnvVar` like every name.
public struct CredentialExport: Sendable {
    /// The variable the connector's tests read their configuration from.
    public static let configVariable = "CONNECTOR_TEST_CONFIG_JSON"

    /// What `exec` takes out of the command's environment: the key to every stored credential is
    /// not the tests' business.
    public static let withheldVariables = [IdentityKeeper.passphraseVariable]

    /// Each option's env var and value, in the envelope's order.
    public let variables: [(name: String, value: String)]
    /// The `options` object as compact JSON, for `CONNECTOR_TEST_CONFIG_JSON`.
    private let configJSON: String
    /// What a person should know about the names: the spec was not found, or the file disagrees with it.
    public let notes: [String]

    /// - Parameter accessToken: set as `access_token` (in place, or last) when given.
    /// - Throws: `ReservedVariableError` when an option would set a reserved variable; nothing is set.
    public init(_ envelope: CredentialEnvelope, spec: ConnectorSpec?, accessToken: String? = nil) throws(ReservedVariableError) {
        let options = Self.options(envelope, accessToken: accessToken)
        let method = envelope.authMethod.flatMap { spec?.authMethod(named: $0) }
        var variables: [(name: String, value: String)] = []
        var notes: [String] = []
        if spec == nil {
            notes.append("no spec of \(envelope.connector) is found here, so each option's env var is "
                         + "\(EnvVarName.prefix(connector: envelope.connector))<OPTION>; the stored file's own names are not used")
        }
        for (option, value) in options {
            let named = spec?.option(named: option, in: method)?.envVar ?? EnvVarName.forOption(option, connector: envelope.connector)
            if spec != nil, let stored = envelope.envVars?.first(where: { $0.0 == option })?.1, stored != named {
                notes.append("the stored file gives option \"\(TerminalText.excerpt(option))\" env var \(TerminalText.excerpt(stored)); "
                             + "the spec's \(named) is set instead")
            }
            if let reason = ReservedEnvVar.reason(named) {
                throw ReservedVariableError(connector: envelope.connector, option: option, variable: named, reason: reason)
            }
            variables.append((named, value.plainText))
        }
        self.variables = variables
        self.notes = notes
        configJSON = JSONValue.object(options).serialized()
    }

    /// The `options` object as compact JSON and a newline: exactly what the tests read. Needs no spec.
    public static func json(_ envelope: CredentialEnvelope, accessToken: String? = nil) -> String {
        JSONValue.object(options(envelope, accessToken: accessToken)).serialized() + "\n"
    }

    /// The stored options, with `access_token` set (in place, or last) when one is given.
    static func options(_ envelope: CredentialEnvelope, accessToken: String?) -> [(String, JSONValue)] {
        guard let accessToken else { return envelope.options }
        var options = envelope.options
        if let index = options.firstIndex(where: { $0.0 == OAuthOption.accessToken }) {
            options[index].1 = .string(accessToken)
        } else {
            options.append((OAuthOption.accessToken, .string(accessToken)))
        }
        return options
    }

    /// `NAME='value'` lines a POSIX shell can `eval` or `source`, one per option.
    public var envLines: String {
        variables.map { $0.name + "=" + Self.shellQuoted($0.value) + "\n" }.joined()
    }

    /// What `exec` adds to the command's environment: the config JSON, then each option's env var.
    public var environment: [(String, String)] {
        [(Self.configVariable, configJSON)] + variables.map { ($0.name, $0.value) }
    }

    /// Single quotes keep every character literal; a quote inside is closed, escaped and reopened.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }
}

/// A stored file whose options would set a variable no option may (`ReservedEnvVar`): nothing is set
/// and nothing is run.
public struct ReservedVariableError: UserFacingError, Equatable {
    public let connector: String
    public let option: String
    public let variable: String
    public let reason: String

    public var message: String {
        "option \"\(TerminalText.excerpt(option))\" of the stored \(connector) credentials would set \(variable), "
            + "which no option may set (\(reason)), so nothing was set or run"
    }

    public var hints: [String] {
        ["check where credentials/\(connector).age came from; `\(ConnectorName.setupCommand(connector))` stores them again from this machine"]
    }

    public var exitStatus: ExitStatus { .storeFailure }
}
