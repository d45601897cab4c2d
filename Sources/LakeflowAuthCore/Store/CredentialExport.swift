import Foundation

/// How stored options reach a connector's tests: the `options` object alone, as JSON or as env vars.
public enum CredentialExport {
    /// The variable the connector's tests read their configuration from.
    public static let configVariable = "CONNECTOR_TEST_CONFIG_JSON"

    /// The `options` object as compact JSON and a newline: exactly what the tests read.
    public static func json(_ envelope: CredentialEnvelope) -> String {
        envelope.optionsJSON.serialized() + "\n"
    }

    /// `NAME='value'` lines a POSIX shell can `eval` or `source`, one per option.
    public static func envLines(_ envelope: CredentialEnvelope) -> String {
        envelope.options.map { name, value in
            envelope.envVar(for: name) + "=" + shellQuoted(value.plainText) + "\n"
        }.joined()
    }

    /// What `exec` adds to the command's environment: the config JSON, then each option's env var.
    public static func environment(_ envelope: CredentialEnvelope) -> [(String, String)] {
        [(configVariable, envelope.optionsJSON.serialized())]
            + envelope.options.map { name, value in (envelope.envVar(for: name), value.plainText) }
    }

    /// What `exec` takes out of the command's environment: the key to every stored credential is
    /// not the tests' business.
    public static let withheldVariables = [IdentityKeeper.passphraseVariable]

    /// Single quotes keep every character literal; a quote inside is closed, escaped and reopened.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
