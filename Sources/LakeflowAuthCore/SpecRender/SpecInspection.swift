/// The normalized model that `spec inspect --json` prints: the same shape for both spec formats, so
/// scripts and tests can compare a declaration with the file generated from it.
public enum SpecInspection {
    public static func json(_ spec: ConnectorSpec) -> JSONValue {
        .object([
            ("display_name", spec.displayName.map(JSONValue.string) ?? .null),
            ("parameters", .array(spec.options.map { parameter($0, origin: spec.origin) })),
            ("auth_methods", .array(spec.authMethods.map { method in
                .object([
                    ("name", .string(method.name)),
                    ("description", .string(method.description)),
                    ("parameters", .array(method.options.map { parameter($0, origin: spec.origin) })),
                ])
            })),
            ("oauth", spec.oauth ?? .null),
            ("external_options_allowlist", .array(spec.tableOptions.map { .string($0.name) })),
        ])
    }

    private static func parameter(_ option: ConnectorOption, origin: ConnectorSpec.Origin) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(option.name)),
            ("type", .string(option.type.rawValue)),
            ("required", .bool(option.required)),
            ("secret", .bool(option.secret)),
            // Whether `secret` came from the option's name rather than the spec (OptionInference).
            ("secret_inferred", .bool(option.secretInferred)),
            ("multiline", .bool(option.multiline)),
            ("description", .string(option.description)),
        ]
        guard origin == .declarations else { return .object(members) }
        members.append(("env", .string(option.envVar)))
        if let value = option.defaultValue { members.append(("default", .string(value))) }
        if !option.choices.isEmpty { members.append(("choices", .array(option.choices.map(JSONValue.string)))) }
        if let pattern = option.pattern { members.append(("pattern", .string(pattern))) }
        if let example = option.example { members.append(("example", .string(example))) }
        return .object(members)
    }
}
