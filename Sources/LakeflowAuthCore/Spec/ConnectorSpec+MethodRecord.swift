/// Some connectors keep the chosen auth method as an option of their own (fhir's and odata's
/// `auth_type`, "Must be one of: jwt_assertion, client_secret, none"). Asking for it after the method
/// was chosen invites a contradiction, so it is filled from the choice instead.
extension ConnectorSpec {
    static let methodRecordNames: Set<String> = ["auth_type", "auth_method", "auth_mode"]

    /// The shared option that records `method`: named like `auth_type`, and naming `method` among its
    /// choices or, as a word, in its description (odata's says to omit it for `oauth`, and does not name it).
    public func methodRecord(for method: AuthMethod?) -> ConnectorOption? {
        guard let method else { return nil }
        return options.first { option in
            guard Self.methodRecordNames.contains(option.name), option.type == .string || option.type == .choice else { return false }
            if !option.choices.isEmpty { return option.choices.contains(method.name) }
            let words = option.description.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            return words.contains { $0 == method.name }
        }
    }
}
