/// The normalized model that `spec inspect --json` prints: the same shape for both spec formats, so
/// scripts and tests can compare a declaration with the file generated from it. Each method (and a
/// spec without methods) shows its check as written, and where it came from.
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
                    ("check", spec.check(for: method).map(CheckInspection.json) ?? .null),
                ])
            })),
            ("oauth", spec.oauth ?? .null),
            ("external_options_allowlist", .array(spec.tableOptions.map { .string($0.name) })),
            ("check", spec.authMethods.isEmpty ? CheckInspection.json(unmethodical: spec) : .null),
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
        if origin == .declarations { members.append(("env", .string(option.envVar))) }
        // The built-in check layer can give these to a spec of either format.
        if let value = option.defaultValue { members.append(("default", .string(value))) }
        if origin == .declarations, !option.choices.isEmpty { members.append(("choices", .array(option.choices.map(JSONValue.string)))) }
        if let pattern = option.pattern { members.append(("pattern", .string(pattern))) }
        if let example = option.example { members.append(("example", .string(example))) }
        if let link = option.link { members.append(("link", .string(link))) }
        return .object(members)
    }
}
