/// The env vars no option may be handed out as, the one list every rule reads: a spec naming one is
/// refused when it loads (`env:`, or the `<CONNECTOR>_<OPTION>` name it derives), and `exec` and
/// `export --format env` refuse a stored file that would set one.
///
/// The principle: a credential is data, so no option may set a variable that makes a program run or
/// load code, choose which program runs, or choose where a program sends its requests or whom it
/// trusts, nor one of lakeflow-auth's own or the tests' configuration. An age file needs only this
/// machine's public key to write, so nothing in one may decide such a thing. Names are compared
/// without case (`http_proxy` and `HTTP_PROXY` are both read).
public enum ReservedEnvVar {
    /// Why no option may be `name`, or nil when one may.
    public static func reason(_ name: String) -> String? {
        let upper = name.uppercased()
        for rule in rules {
            switch rule.match {
            case let .exact(names) where names.contains(upper): return rule.reason
            case let .prefix(prefix) where upper.hasPrefix(prefix): return rule.reason
            default: continue
            }
        }
        // Python's own settings are PYTHON and a word (PYTHONSTARTUP, PYTHONPATH, PYTHONHOME,
        // PYTHONBREAKPOINT…); PYTHON_ is left to a connector of that name.
        if upper.hasPrefix("PYTHON"), !upper.hasPrefix("PYTHON_") { return interpreters }
        return nil
    }

    private enum Match {
        case exact(Set<String>)
        case prefix(String)
    }

    private struct Rule {
        let match: Match
        let reason: String
    }

    private static let interpreters = "an interpreter (Python, Perl, Ruby, Node, Java, pytest) reads it to load or run code at start"

    private static let rules: [Rule] = [
        Rule(match: .prefix("LAKEFLOW_AUTH_"), reason: "it is lakeflow-auth's own setting (its passphrase, its home)"),
        Rule(match: .prefix("CONNECTOR_TEST_CONFIG_"), reason: "it is the tests' configuration, which exec sets itself"),
        Rule(match: .prefix("LD_"), reason: "the dynamic loader reads it to load code into every program"),
        Rule(match: .exact(["GCONV_PATH", "GLIBC_TUNABLES"]), reason: "the C library reads it to load code or change how every program runs"),
        Rule(match: .exact(["PATH", "IFS", "ENV", "BASH_ENV", "SHELLOPTS", "BASHOPTS", "PS4", "PROMPT_COMMAND", "ZDOTDIR", "SHELL"]),
             reason: "a shell reads it to decide which commands run, or runs code from it"),
        Rule(match: .exact(["HOME", "XDG_CONFIG_HOME"]),
             reason: "programs read their settings from there, and settings can name code to run"),
        Rule(match: .exact(["PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PERL5OPT", "PERL5LIB", "PERLLIB", "PERL5DB", "RUBYOPT", "RUBYLIB",
                            "NODE_OPTIONS", "NODE_PATH", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH"]),
             reason: interpreters),
        Rule(match: .prefix("GIT_"), reason: "git runs what it names (hooks, ssh, pager, config)"),
        Rule(match: .exact(["EDITOR", "VISUAL", "PAGER", "MANPAGER", "BROWSER", "LESSOPEN", "LESSCLOSE", "SSH_ASKPASS", "SUDO_ASKPASS"]),
             reason: "programs run the command it names"),
        Rule(match: .exact(["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR",
                            "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"]),
             reason: "it decides where programs send their requests, or whom they trust"),
    ]
}
