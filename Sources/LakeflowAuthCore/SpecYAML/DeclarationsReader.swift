/// Reads `specs/<name>/options.yaml`, the hand-written superset of the Databricks format
/// (documented in specs/README.md). Hand-written means strict: unknown keys are errors.
enum DeclarationsReader {
    static let topKeys = ["display_name", "options", "auth_methods", "table_options", "oauth", "probe"]
    static let methodKeys = ["name", "description", "options", "probe"]
    static let optionKeys = ["name", "type", "required", "secret", "description", "default", "choices", "pattern",
                             "example", "env"]

    static func read(_ root: SpecNode, connector: String) throws -> ConnectorSpec {
        let top = try root.mapping("the declarations")
        try top.rejectUnknownKeys(allowed: topKeys, in: "the declarations")
        var spec = ConnectorSpec(connector: connector, origin: .declarations)
        spec.displayName = try top["display_name"]?.string("display_name")
        let shared = try options(top["options"], connector: connector)
        try SpecRules.checkUnique([], shared: shared, method: nil)
        try SpecRules.checkEnvVars(shared, connector: connector)
        spec.options = shared.map(\.0)
        let baseProbe = try top["probe"].map(ProbeDeclaration.init)

        var methods: [(AuthMethod, SpecNode)] = []
        for node in try top["auth_methods"]?.sequence("auth_methods") ?? [] {
            let fields = try node.mapping("an auth method")
            try fields.rejectUnknownKeys(allowed: methodKeys, in: "this auth method")
            let nameNode = try fields.required("name", in: "this auth method")
            let name = try nameNode.string("the auth method's name")
            try SpecRules.checkName(name, at: nameNode, what: "auth method")
            let own = try options(fields["options"], connector: connector)
            try SpecRules.checkUnique(own, shared: shared, method: name)
            try SpecRules.checkEnvVars(shared + own, connector: connector)
            var method = AuthMethod(name: name,
                                    description: SpecRules.normalizeDescription(try fields["description"]?.string("description") ?? ""),
                                    options: own.map(\.0))
            let override = try fields["probe"].map(ProbeDeclaration.init)
            if let declaration = baseProbe?.merged(with: override) ?? override {
                method.probe = try declaration.resolve(options: spec.formOptions(for: method), method: name)
            }
            methods.append((method, node))
        }
        try SpecRules.checkUniqueMethods(methods)
        spec.authMethods = methods.map(\.0)
        if methods.isEmpty, let baseProbe {
            spec.probe = try baseProbe.resolve(options: spec.options, method: nil)
        }
        if let oauth = top["oauth"] {
            _ = try oauth.mapping("oauth")
            spec.oauth = try oauth.jsonValue()
        }
        spec.tableOptions = try tableOptions(top["table_options"])
        return spec
    }

    private static func options(_ node: SpecNode?, connector: String) throws -> [(ConnectorOption, SpecNode)] {
        try (node?.sequence("options") ?? []).map { try option($0, connector: connector) }
    }

    private static func option(_ node: SpecNode, connector: String) throws -> (ConnectorOption, SpecNode) {
        let fields = try node.mapping("an option")
        let nameNode = try fields.required("name", in: "this option")
        let name = try nameNode.string("the option's name")
        try SpecRules.checkName(name, at: nameNode, what: "option")
        try fields.rejectUnknownKeys(allowed: optionKeys, in: "option \"\(name)\"")
        var option = ConnectorOption(name: name, envVar: EnvVarName.forOption(name, connector: connector))
        if let typeNode = fields["type"] {
            let text = try typeNode.string("type")
            guard let type = OptionType(rawValue: text) else {
                throw typeNode.error("option \"\(name)\" has unknown type \"\(TerminalText.excerpt(text))\"",
                                     hint: "use one of: \(OptionType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            option.type = type
        }
        option.required = try fields["required"]?.bool("required") ?? false
        option.description = SpecRules.normalizeDescription(try fields["description"]?.string("description") ?? "")
        SpecRules.inferTraits(declaredSecret: try fields["secret"]?.bool("secret"), of: &option)
        option.example = try fields["example"]?.string("example")
        if let envNode = fields["env"] {
            let env = try envNode.string("env")
            guard EnvVarName.isValid(env) else { throw envNode.error("env \"\(TerminalText.excerpt(env))\" is not a valid environment variable name",
                                       hint: "use letters, digits and '_', not starting with a digit") }
            try SpecRules.checkNotReserved(env, of: name, at: envNode)
            option.envVar = env
        }
        let choicesNode = fields["choices"]
        option.choices = try (choicesNode?.sequence("choices") ?? []).map { node in
            let choice = try node.string("a choice")
            // A choice no value could be (a value may hold no control character) could never be chosen.
            if ValueRules.characterProblem(choice, allowingLines: false) != nil {
                throw node.error("option \"\(name)\" has a choice with a control character (\"\(TerminalText.excerpt(choice))\"), "
                                 + "which no value may hold, so it could never be chosen",
                                 hint: "write the choice as the value a person would type")
            }
            return choice
        }
        if option.type == .choice, option.choices.isEmpty {
            throw (fields["type"] ?? node).error("option \"\(name)\" has type choice but no choices", hint: "add choices: [a, b]")
        }
        if let patternNode = fields["pattern"] {
            let pattern = try patternNode.string("pattern")
            do {
                _ = try ValuePattern(pattern)
            } catch {
                throw patternNode.error("option \"\(name)\" has a pattern that \(error.problem)",
                                        hint: "patterns are regular expressions without backtracking, like ^[a-z0-9-]+$")
            }
            option.pattern = pattern
        }
        if let defaultNode = fields["default"] {
            let value = try defaultNode.string("default")
            if case let .failure(problem) = ValueRules.parse(value, for: option) {
                throw defaultNode.error("option \"\(name)\" has default \"\(TerminalText.excerpt(value))\", but it \(problem.text)",
                                        hint: "change the default or the option's rules")
            }
            option.defaultValue = value
        }
        return (option, node)
    }

    private static func tableOptions(_ node: SpecNode?) throws -> [TableOption] {
        try (node?.sequence("table_options") ?? []).map { item in
            let fields = try item.mapping("a table option")
            try fields.rejectUnknownKeys(allowed: ["name", "description"], in: "this table option")
            let nameNode = try fields.required("name", in: "this table option")
            let name = try nameNode.string("the table option's name")
            try SpecRules.checkName(name, at: nameNode, what: "table option")
            return TableOption(name: name,
                               description: SpecRules.normalizeDescription(try fields["description"]?.string("description") ?? ""))
        }
    }
}
