@testable import LakeflowAuthCore
import Testing

/// The one list of variables no option may be: what runs or loads code, chooses the program, or
/// chooses where requests go; the tool's and the tests' own. Ordinary names pass.
struct ReservedEnvVarTests {
    @Test(arguments: ["LD_PRELOAD", "LD_LIBRARY_PATH", "ld_audit", "BASH_ENV", "ENV", "PATH", "IFS", "PS4", "PROMPT_COMMAND",
                      "PYTHONSTARTUP", "PYTHONPATH", "PYTHONHOME", "PYTHONBREAKPOINT", "PYTEST_ADDOPTS", "PERL5OPT", "RUBYOPT",
                      "NODE_OPTIONS", "JAVA_TOOL_OPTIONS", "GIT_SSH_COMMAND", "GIT_CONFIG_COUNT", "EDITOR", "LESSOPEN", "BROWSER",
                      "http_proxy", "HTTPS_PROXY", "SSL_CERT_FILE", "LAKEFLOW_AUTH_PASSPHRASE", "LAKEFLOW_AUTH_HOME",
                      "CONNECTOR_TEST_CONFIG_JSON", "GCONV_PATH", "HOME"])
    func isRefusedWithItsReason(name: String) {
        #expect(ReservedEnvVar.reason(name) != nil)
    }

    @Test(arguments: ["ACME_API_KEY", "GITHUB_TOKEN", "AWS_ACCESS_KEY_ID", "PYTHON_SDK_TOKEN", "GITHUB_APP_KEY", "LDAP_PASSWORD",
                      "NODE_NAME", "PATHNAME", "ENVIRONMENT", "LAKEFLOW_TOKEN", "CONNECTOR_TEST_TOKEN"])
    func anOrdinaryNameIsFine(name: String) {
        #expect(ReservedEnvVar.reason(name) == nil)
    }

    @Test func everySpecThatShipsLoadsUnderTheRule() throws {
        for (name, text) in BuiltInSpecs.declarations {
            _ = try SpecLoader.load(text: text, path: "\(name)/options.yaml")
        }
    }
}
