/// How values given outside a form reach it, the same for every front end.
extension Form {
    /// The auth method asked for before the form: `--auth-method` wins over `<CONNECTOR>_AUTH_METHOD`.
    public static func requestedAuthMethod(flag: String?, connector: String, environment: [String: String]) -> String? {
        if let flag, !flag.isEmpty { return flag }
        let fromEnvironment = environment[EnvVarName.authMethod(connector: connector)] ?? ""
        return fromEnvironment.isEmpty ? nil : fromEnvironment
    }

    /// Gives each field the value of its env var (`ACME_WORKSPACE`), when set, else the contents of
    /// the file its `_FILE` variable names (`ACME_API_KEY_FILE`), as container images pass secrets:
    /// only fields that have no value yet, unless `overriding` (env vars set for this run win over
    /// stored values).
    public mutating func fill(from environment: [String: String], overriding: Bool = false) throws(ValueFileError) {
        for option in fields where overriding || values[option.name] == nil {
            if let value = environment[option.envVar], !value.isEmpty {
                set(option.name, value, from: .environment)
            } else if let path = environment[Self.fileVariable(option)], !path.isEmpty {
                set(option.name, try ValueFile.read(path, for: Self.fileVariable(option)), from: .environment)
            }
        }
    }

    /// The variable that names a file holding the option's value: its env var and `_FILE`.
    public static func fileVariable(_ option: ConnectorOption) -> String { option.envVar + "_FILE" }
}
