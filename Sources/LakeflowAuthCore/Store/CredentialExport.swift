import Foundation

/// How stored options reach a connector's tests: the `options` object alone, as JSON or as env vars,
/// with the `access_token` Unity Catalog would inject where the connector reads one (`FreshAccessToken`).
public enum CredentialExport {
    /// The variable the connector's tests read their configuration from.
    public static let configVariable = "CONNECTOR_TEST_CONFIG_JSON"

    /// The `options` object as compact JSON and a newline: exactly what the tests read.
    public static func json(_ envelope: CredentialEnvelope, accessToken: String? = nil) -> String {
        JSONValue.object(options(envelope, accessToken: accessToken)).serialized() + "\n"
    }

    /// `NAME='value'` lines a POSIX shell can `eval` or `source`, one per option.
    public static func envLines(_ envelope: CredentialEnvelope, accessToken: String? = nil) -> String {
        options(envelope, accessToken: accessToken).map { name, value in
            envelope.envVar(for: name) + "=" + shellQuoted(value.plainText) + "\n"
        }.joined()
    }

    /// What `exec` adds to the command's environment: the config JSON, then each option's env var.
    public static func environment(_ envelope: CredentialEnvelope, accessToken: String? = nil) -> [(String, String)] {
        let options = options(envelope, accessToken: accessToken)
        return [(configVariable, JSONValue.object(options).serialized())]
            + options.map { name, value in (envelope.envVar(for: name), value.plainText) }
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

    /// What `exec` takes out of the command's environment: the key to every stored credential is
    /// not the tests' business.
    public static let withheldVariables = [IdentityKeeper.passphraseVariable]

    /// Single quotes keep every character literal; a quote inside is closed, escaped and reopened.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
