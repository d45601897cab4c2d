/// The state every front end fills and draws: the chosen auth method, values as typed, and the errors
/// of the last check. All rules live here, so the terminal, the browser and the environment get the
/// same answers in the same words.
public struct Form: Sendable {
    public let spec: ConnectorSpec
    public private(set) var authMethod: AuthMethod?
    /// Raw values as typed, by option name; absent means not given.
    public private(set) var values: [String: String] = [:]
    public private(set) var errors: [FieldError] = []

    public init(spec: ConnectorSpec) {
        self.spec = spec
        if spec.authMethods.count == 1 { authMethod = spec.authMethods[0] }
    }

    /// True until a method is chosen, when the spec offers more than one.
    public var needsAuthMethod: Bool { authMethod == nil && !spec.authMethods.isEmpty }

    public mutating func chooseAuthMethod(_ name: String) throws(AuthMethodError) {
        guard let method = spec.authMethod(named: name) else {
            throw .unknown(name, connector: spec.connector, available: spec.authMethods.map(\.name))
        }
        authMethod = method
        errors = []
    }

    /// The options to ask for, in order: the method's, the shared required, the shared optional; not
    /// the one that records the chosen method, which the choice fills (`methodRecord`).
    public var fields: [ConnectorOption] {
        let record = spec.methodRecord(for: authMethod)?.name
        return spec.formOptions(for: authMethod).filter { $0.name != record }
    }

    public func field(_ name: String) -> ConnectorOption? { fields.first { $0.name == name } }

    /// Sets a raw value; nil or empty clears it, so the default (if any) applies again.
    public mutating func set(_ option: String, _ raw: String?) {
        if let raw, !raw.isEmpty { values[option] = raw } else { values[option] = nil }
        errors.removeAll { $0.option == option }
    }

    /// What the field currently holds for display and re-editing: the typed value, else the default.
    public func effectiveValue(_ option: ConnectorOption) -> String? {
        values[option.name] ?? option.defaultValue
    }

    /// Checks one raw value against its option's rules, for feedback as soon as a field is left.
    public func check(_ name: String, _ raw: String?) -> FieldError? {
        guard let option = field(name) else { return FieldError(option: name, problem: problemForUnknown(name)) }
        let value = (raw?.isEmpty ?? true) ? option.defaultValue : raw
        guard let value else { return option.required ? FieldError(option: name, problem: .missing) : nil }
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
        let fields = self.fields
        for name in values.keys.sorted() where !fields.contains(where: { $0.name == name }) {
            found.append(FieldError(option: name, problem: problemForUnknown(name)))
        }
        for option in fields {
            if let error = check(option.name, values[option.name]) {
                found.append(error)
            } else if let value = effectiveValue(option), case let .success(typedValue) = ValueRules.parse(value, for: option) {
                typed.append((option.name, typedValue))
            }
        }
        if let method = authMethod, let record = spec.methodRecord(for: method) {
            typed.append((record.name, .string(method.name)))
        }
        errors = found
        guard found.isEmpty else {
            throw InvalidForm(connector: spec.connector, errors: found, authMethodMissing: nil)
        }
        return Credentials(connector: spec.connector, authMethod: authMethod?.name, values: typed)
    }

    private func problemForUnknown(_ name: String) -> FieldProblem {
        if let chosen = authMethod, let owner = spec.authMethods.first(where: { $0.options.contains { $0.name == name } }) {
            return .otherAuthMethod(owner: owner.name, chosen: chosen.name)
        }
        return .unknownOption(connector: spec.connector)
    }
}
