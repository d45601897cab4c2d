import FoundationEssentials

/// Reads a `connector_spec.yaml` in the Databricks format: lenient about keys it does not know, as
/// real files carry some, strict about the shapes it uses.
enum DatabricksSpecReader {
    static func read(_ root: SpecNode, connector: String) throws -> ConnectorSpec {
        let top = try root.mapping("the spec")
        var spec = ConnectorSpec(connector: connector, origin: .databricks)
        spec.warnings = top.unknownKeys(allowed: topKeys, in: "the spec")
        spec.displayName = try top["display_name"]?.string("display_name")
        if let connection = try top["connection"]?.mapping("connection") {
            spec.warnings += connection.unknownKeys(allowed: connectionKeys, in: "connection")
            let shared = try parameters(connection["parameters"], connector: connector, warnings: &spec.warnings)
            try SpecRules.checkUnique([], shared: shared, method: nil)
            try SpecRules.checkEnvVars(shared, connector: connector)
            spec.options = shared.map(\.0)
            var methods: [(AuthMethod, SpecNode)] = []
            for node in try connection["auth_methods"]?.sequence("connection.auth_methods") ?? [] {
                let fields = try node.mapping("an auth method")
                let nameNode = try fields.required("name", in: "this auth method")
                let name = try nameNode.string("the auth method's name")
                try SpecRules.checkName(name, at: nameNode, what: "auth method")
                spec.warnings += fields.unknownKeys(allowed: methodKeys, in: "auth method \"\(name)\"")
                let own = try parameters(fields["parameters"], connector: connector, warnings: &spec.warnings)
                try SpecRules.checkUnique(own, shared: shared, method: name)
                try SpecRules.checkEnvVars(shared + own, connector: connector)
                let description = try fields["description"]?.string("description") ?? ""
                methods.append((AuthMethod(name: name, description: SpecRules.normalizeDescription(description),
                                           options: own.map(\.0)), node))
            }
            try SpecRules.checkUniqueMethods(methods)
            spec.authMethods = methods.map(\.0)
            if let oauth = connection["oauth"] {
                _ = try oauth.mapping("connection.oauth")
                spec.oauth = try oauth.jsonValue()
            }
        }
        spec.tableOptions = try allowlist(top["external_options_allowlist"])
        return spec
    }

    private static func parameters(_ node: SpecNode?, connector: String,
                                   warnings: inout [SpecError]) throws -> [(ConnectorOption, SpecNode)] {
        try (node?.sequence("parameters") ?? []).map { try parameter($0, connector: connector, warnings: &warnings) }
    }

    /// The keys this reader uses. An unknown one is most likely a misspelling of one of these (a
    /// parameter's `secert: true` would leave it not secret and say nothing), so each is a warning
    /// naming the nearest known key; `spec inspect --strict` refuses them. Unknown keys of a parameter
    /// are still kept as its extras.
    static let topKeys = ["display_name", "connection", "external_options_allowlist"]
    static let connectionKeys = ["parameters", "auth_methods", "oauth"]
    static let methodKeys = ["name", "description", "parameters"]
    static let parameterKeys = ["name", "type", "required", "secret", "description"]

    private static func parameter(_ node: SpecNode, connector: String, warnings: inout [SpecError]) throws -> (ConnectorOption, SpecNode) {
        let fields = try node.mapping("a parameter")
        let nameNode = try fields.required("name", in: "this parameter")
        let name = try nameNode.string("the parameter's name")
        try SpecRules.checkName(name, at: nameNode, what: "parameter")
        warnings += fields.unknownKeys(allowed: parameterKeys, in: "parameter \"\(name)\"")
        var option = ConnectorOption(name: name, envVar: EnvVarName.forOption(name, connector: connector))
        if let typeNode = fields["type"] {
            let text = try typeNode.string("type")
            guard let type = OptionType(rawValue: text), OptionType.databricksTypes.contains(type) else {
                throw typeNode.error(
                    "parameter \"\(name)\" has unknown type \"\(TerminalText.excerpt(text))\"",
                    hint: "use one of: \(OptionType.databricksTypes.map(\.rawValue).joined(separator: ", "))")
            }
            option.type = type
        }
        option.required = try fields["required"]?.bool("required") ?? false
        option.description = SpecRules.normalizeDescription(try fields["description"]?.string("description") ?? "")
        SpecRules.inferTraits(declaredSecret: try fields["secret"]?.bool("secret"), of: &option)
        option.extras = try fields.pairs.filter { !parameterKeys.contains($0.key) }.map { ($0.key, try $0.value.jsonValue()) }
        return (option, node)
    }

    static func allowlist(_ node: SpecNode?) throws -> [TableOption] {
        guard let node else { return [] }
        let text = try node.string("external_options_allowlist")
        return text.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            .map { TableOption(name: $0) }
    }
}
