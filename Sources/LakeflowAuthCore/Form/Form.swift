/// The state every front end fills and draws: the chosen auth method, values as typed, and the errors
/// of the last check. All rules live here, so the terminal, the browser and the environment get the
/// same answers in the same words.
public struct Form: Sendable {
    public let spec: ConnectorSpec
    /// Which credential set of the connector the form fills: `default` unless a profile is named.
    public let profile: String
    /// Only the secret options are asked, the rest keeps the values it is given (the stored ones) and
    /// the auth method stays: a rotation (`askingOnlyForSecrets()`).
    public private(set) var asksOnlyForSecrets = false
    public private(set) var authMethod: AuthMethod?
    /// Where the choice of `authMethod` came from; nil while none is chosen or the spec has one method.
    public private(set) var authMethodOrigin: ValueOrigin?
    /// Raw values as typed, by option name; absent means not given.
    public private(set) var values: [String: String] = [:]
    /// Where each value came from; a value set without one was typed.
    public private(set) var origins: [String: ValueOrigin] = [:]
    public private(set) var errors: [FieldError] = []
    /// The options the last failed check named (a rejected key, an unknown host), for front ends to mark.
    public private(set) var concernedByCheck: Set<String> = []

    public init(spec: ConnectorSpec, profile: String = ProfileName.default) {
        self.spec = spec
        self.profile = profile
        if spec.authMethods.count == 1 { authMethod = spec.authMethods[0] }
    }

    /// This form, asking only for the secret options. Every front end draws `fields`, so each asks for
    /// the secrets alone; the values of the other options (filled before it asks, from what is stored)
    /// go into `validate()` unseen and unchanged, and the auth method, once chosen, is kept.
    public func askingOnlyForSecrets() -> Form {
        var form = self
        form.asksOnlyForSecrets = true
        return form
    }

    /// True until a method is chosen, when the spec offers more than one.
    public var needsAuthMethod: Bool { authMethod == nil && !spec.authMethods.isEmpty }

    public mutating func chooseAuthMethod(_ name: String, from origin: ValueOrigin = .typed) throws(AuthMethodError) {
        guard let method = spec.authMethod(named: name) else {
            throw .unknown(name, connector: spec.connector, available: spec.authMethods.map(\.name))
        }
        if asksOnlyForSecrets, let chosen = authMethod, chosen.name != name {
            throw .kept(chosen.name, connector: spec.connector)
        }
        // Values typed for another method stay, set aside: switching back restores them, and
        // `validate()` reads only the chosen method's fields.
        authMethod = method
        authMethodOrigin = origin
        errors = []
        concernedByCheck = []
    }

    /// The options to ask for, in order: the method's, the shared required, the shared optional; not
    /// the one that records the method (`methodRecord`), which the choice fills, nor, before a method
    /// is chosen, any option that records one (fhir's `auth_type` would be asked as free text); last,
    /// an OAuth method's endpoints and scope, prefilled from the spec (`oauthEndpointFields`). Only the
    /// secret ones when the form `asksOnlyForSecrets`.
    public var fields: [ConnectorOption] {
        asksOnlyForSecrets ? everyField.filter(\.secret) : everyField
    }

    /// Every option the credentials hold, asked for or not.
    private var everyField: [ConnectorOption] {
        let records = authMethod.map { [spec.methodRecord(for: $0)?.name].compactMap { $0 } }
            ?? spec.authMethods.compactMap { spec.methodRecord(for: $0)?.name }
        return spec.formOptions(for: authMethod).filter { !records.contains($0.name) } + spec.oauthEndpointFields(for: authMethod)
    }

    /// Any option of the credentials, including one not asked for.
    public func field(_ name: String) -> ConnectorOption? { everyField.first { $0.name == name } }

    /// Sets a raw value; nil or empty clears it, so the default (if any) applies again.
    public mutating func set(_ option: String, _ raw: String?, from origin: ValueOrigin = .typed) {
        if let raw, !raw.isEmpty { values[option] = raw } else { values[option] = nil }
        origins[option] = values[option] == nil ? nil : origin
        errors.removeAll { $0.option == option }
        concernedByCheck.remove(option)
    }

    /// Records the check of one field as it is left, so its message shows before the form is submitted.
    public mutating func leave(_ option: String) {
        errors.removeAll { $0.option == option }
        if let error = check(option, values[option]) { errors.append(error) }
    }

    /// Marks the fields a failed check concerns; editing one clears its mark.
    public mutating func markConcerned(_ options: [String]) {
        concernedByCheck = Set(options.filter { name in fields.contains { $0.name == name } })
    }

    /// What the field currently holds for display and re-editing: the typed value, else the default.
    public func effectiveValue(_ option: ConnectorOption) -> String? {
        values[option.name] ?? option.defaultValue
    }

    /// Checks one raw value against its option's rules, for feedback as soon as a field is left.
    public func check(_ name: String, _ raw: String?) -> FieldError? {
        guard let option = field(name) else { return FieldError(option: name, problem: problemForUnknown(name)) }
        // A value of nothing but white space was not given: the default applies, or it is missing.
        let given = raw.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        let value = given ?? option.defaultValue
        guard let value else {
            return option.required && !spec.isFilledByOAuth(name, method: authMethod) ? FieldError(option: name, problem: .missing) : nil
        }
        if spec.isOAuthEndpointField(name, method: authMethod) {
            return OAuthEndpoints.problem(name, value).map { FieldError(option: name, problem: $0) }
        }
        if case let .failure(problem) = ValueRules.parse(value, for: option) {
            return FieldError(option: name, problem: problem)
        }
        return nil
    }

    /// Typed credentials, or every field error at once (also kept in `errors` for the front end to draw).
    public mutating func validate() throws(InvalidForm) -> Credentials {
        guard !needsAuthMethod else {
            throw InvalidForm(connector: spec.connector, errors: [], authMethodMissing: spec.authMethods.map(\.name))
        }
        var found: [FieldError] = []
        var typed: [(String, JSONValue)] = []
        var endpoints: [(String, String)] = []
        let fields = everyField
        let endpointFields = Set(spec.oauthEndpointFields(for: authMethod).map(\.name))
        let otherMethods = spec.authMethods.flatMap { $0.options.map(\.name) + spec.oauthEndpointFields(for: $0).map(\.name) }
        for name in values.keys.sorted() where !fields.contains(where: { $0.name == name }) && !otherMethods.contains(name) {
            found.append(FieldError(option: name, problem: problemForUnknown(name)))
        }
        for option in fields {
            if let error = check(option.name, values[option.name]) {
                found.append(error)
            } else if endpointFields.contains(option.name) {
                // Only a value that differs from the spec's is kept: the spec's, if it changes, applies.
                if let value = givenValue(option), value != option.defaultValue { endpoints.append((option.name, value)) }
            } else if let value = givenValue(option), case let .success(typedValue) = ValueRules.parse(value, for: option) {
                typed.append((option.name, typedValue))
            }
        }
        if let method = authMethod, let record = spec.methodRecord(for: method) {
            typed.append((record.name, .string(method.name)))
        }
        // An OAuth endpoint that names an option (`{tenant_id}`) needs its value, required or not.
        if let oauth = spec.oauthFlow(for: authMethod) {
            let given = Credentials(connector: spec.connector, authMethod: authMethod?.name, values: typed, oauthEndpoints: endpoints)
            for name in OAuthEndpoints.unfilledPlaceholders(oauth, in: given) where !found.contains(where: { $0.option == name }) {
                found.append(FieldError(option: name, problem: .missing))
            }
        }
        errors = found
        guard found.isEmpty else {
            throw InvalidForm(connector: spec.connector, errors: found, authMethodMissing: nil)
        }
        return Credentials(connector: spec.connector, authMethod: authMethod?.name, values: typed, oauthEndpoints: endpoints)
    }

    /// The value a field contributes: the typed one unless it is only white space, else the default.
    private func givenValue(_ option: ConnectorOption) -> String? {
        values[option.name].flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 } ?? option.defaultValue
    }

    private func problemForUnknown(_ name: String) -> FieldProblem {
        if let chosen = authMethod, let owner = spec.authMethods.first(where: { $0.options.contains { $0.name == name } }) {
            return .otherAuthMethod(owner: owner.name, chosen: chosen.name)
        }
        return .unknownOption(connector: spec.connector)
    }
}
