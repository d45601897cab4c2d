/// Fills a `Form` from environment variables, for CI: every option from its env var, the auth method
/// from `--auth-method`, `<CONNECTOR>_AUTH_METHOD`, or the one method whose required options are set.
public enum HeadlessForm {
    /// The form with its method chosen and every value its env var gives.
    public static func fill(spec: ConnectorSpec, environment: [String: String], authMethod flag: String?,
                            profile: String = ProfileName.default) throws -> Form {
        var form = Form(spec: spec, profile: profile)
        if let name = Form.requestedAuthMethod(flag: flag, connector: spec.connector, environment: environment) {
            try form.chooseAuthMethod(name)
        } else if form.needsAuthMethod {
            let complete = spec.authMethods.filter { method in
                method.options.filter(\.required).allSatisfy {
                    !(environment[$0.envVar] ?? "").isEmpty || !(environment[Form.fileVariable($0)] ?? "").isEmpty
                }
            }
            guard complete.count == 1 else {
                throw HeadlessError.authMethodUndecided(spec: spec, candidates: complete.map(\.name))
            }
            try form.chooseAuthMethod(complete[0].name)
        }
        try form.fill(from: environment)
        return form
    }

    /// Typed credentials, or every missing and invalid value at once, each named by its env var.
    public static func credentials(spec: ConnectorSpec, environment: [String: String], authMethod flag: String?) throws -> Credentials {
        var form = try fill(spec: spec, environment: environment, authMethod: flag)
        do {
            return try form.validate()
        } catch {
            throw invalidValues(error, in: form)
        }
    }

    /// A note for each option the spec reads from a variable outside the connector's own (`ACME_…`)
    /// that is set here: a spec can pick up a CI's `GITHUB_TOKEN` that way, and the person should see it.
    public static func variablesOutsidePrefix(spec: ConnectorSpec, environment: [String: String]) -> [String] {
        let prefix = EnvVarName.prefix(connector: spec.connector)
        var notes: [String] = []
        for option in spec.allOptions where !option.envVar.hasPrefix(prefix) {
            for variable in [option.envVar, Form.fileVariable(option)] where !(environment[variable] ?? "").isEmpty {
                let note = "option \"\(option.name)\" is read from \(variable), not one of \(spec.connector)'s own \(prefix) variables: the spec names it"
                if !notes.contains(note) { notes.append(note) }
            }
        }
        return notes
    }

    /// A form's errors told in env var names, since that is what CI sets.
    static func invalidValues(_ error: InvalidForm, in form: Form) -> HeadlessError {
        .invalidValues(error.errors.map { fieldError in fieldError.message(label: form.field(fieldError.option)?.envVar) })
    }
}

public enum HeadlessError: UserFacingError, Equatable {
    case authMethodUndecided(spec: ConnectorSpec, candidates: [String])
    case invalidValues([String])
    /// A rotation from the environment where no secret option's env var is set: nothing would change.
    case noNewSecret(connector: String, envVars: [String])

    public var message: String {
        switch self {
        case let .authMethodUndecided(spec, candidates):
            let what = candidates.isEmpty ? "no auth method of \(spec.connector) has all its required env vars set"
                : "several auth methods of \(spec.connector) have their required env vars set (\(candidates.joined(separator: ", ")))"
            return "\(what): set \(EnvVarName.authMethod(connector: spec.connector)) or pass --auth-method"
        case let .invalidValues(messages):
            return messages.count == 1 ? messages[0]
                : "\(messages.count) values are missing or invalid:\n" + messages.map { "  \($0)" }.joined(separator: "\n")
        case let .noNewSecret(connector, envVars):
            return envVars.isEmpty ? "\(connector) stores no secret option to rotate"
                : "no new secret for \(connector): none of \(envVars.joined(separator: ", ")) is set"
        }
    }

    public var hints: [String] {
        if case let .noNewSecret(connector, envVars) = self {
            return envVars.isEmpty ? [] : ["set the new value in \(envVars[0]) (or a file's path in \(envVars[0])_FILE); "
                + "the other options of \(connector) stay as stored"]
        }
        guard case let .authMethodUndecided(spec, _) = self else { return [] }
        return spec.authMethods.map { method in
            let vars = method.options.map { $0.envVar + ($0.required ? "" : " (optional)") }
            return "\(method.name): \(vars.isEmpty ? "no env vars" : vars.joined(separator: ", "))"
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
