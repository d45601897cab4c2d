/// How values given outside a form reach it, the same for every front end.
extension Form {
    /// The auth method asked for before the form: `--auth-method` wins over `<CONNECTOR>_AUTH_METHOD`.
    public static func requestedAuthMethod(flag: String?, connector: String, environment: [String: String]) -> String? {
        if let flag, !flag.isEmpty { return flag }
        let fromEnvironment = environment[EnvVarName.authMethod(connector: connector)] ?? ""
        return fromEnvironment.isEmpty ? nil : fromEnvironment
    }

    /// Gives each field the value of its env var (`ACME_WORKSPACE`), when set: only fields that have
    /// no value yet, unless `overriding` (env vars set for this run win over stored values).
    public mutating func fill(from environment: [String: String], overriding: Bool = false) {
        for option in fields where overriding || values[option.name] == nil {
            if let value = environment[option.envVar], !value.isEmpty { set(option.name, value) }
        }
    }
}
