import LakeflowAuthCore

extension ConnectorSpec {
    /// What survives rendering to a `connector_spec.yaml`: the template's keys only. Types narrow to
    /// the template's four, env vars fall back to their default, and defaults, choices, patterns,
    /// examples, probes and table-option descriptions stay behind in the declarations.
    var databricksView: ConnectorSpec {
        func narrowed(_ option: ConnectorOption) -> ConnectorOption {
            ConnectorOption(name: option.name, type: option.type.databricksType, required: option.required,
                            secret: option.secret, description: option.description,
                            envVar: EnvVarName.forOption(option.name, connector: connector))
        }
        return ConnectorSpec(
            connector: connector, origin: .databricks, displayName: displayName, options: options.map(narrowed),
            authMethods: authMethods.map { AuthMethod(name: $0.name, description: $0.description, options: $0.options.map(narrowed)) },
            oauth: oauth, tableOptions: tableOptions.map { TableOption(name: $0.name) })
    }
}
