extension ConnectorSpec {
    /// The OAuth step's endpoints and scope as fields of the method's form, so a person can aim the flow
    /// elsewhere (a tenant's own endpoint, fewer scopes) before authorizing: `authorization_url` (code
    /// flow only), `token_url` and `scopes`, prefilled with what the block declares, `{option}`
    /// placeholders as written (the flow fills them). An endpoint the block leaves out is a required field;
    /// scopes never are. None where an option of the method's own stands in (odata's `token_endpoint`):
    /// the connector reads that one, and the flow with it.
    ///
    /// What is typed in them is the tool's, not the connector's: `Form.validate()` keeps it apart from the
    /// options (`Credentials.oauthEndpoints`), and the store beside them (`oauth_endpoints`).
    public func oauthEndpointFields(for method: AuthMethod?) -> [ConnectorOption] {
        guard let configuration = oauthFlow(for: method) else { return [] }
        let declared = Set(formOptions(for: method).map(\.name))
        var fields: [ConnectorOption] = []
        func add(_ name: String, _ value: String?, required: Bool, _ description: String) {
            guard !(OAuthEndpoints.optionsStandingIn[name] ?? []).contains(where: declared.contains) else { return }
            fields.append(ConnectorOption(name: name, required: required && value == nil, description: description,
                                          defaultValue: value, envVar: EnvVarName.forOption(name, connector: connector)))
        }
        if configuration.flow == .u2m {
            add(OAuthEndpoints.authorizationURLField, configuration.authorizationURL, required: true,
                "The OAuth authorization endpoint the browser is sent to; {option} names are filled from those options.")
        }
        add(OAuthEndpoints.tokenURLField, configuration.tokenURL, required: true,
            "The OAuth token endpoint; {option} names are filled from those options.")
        add(OAuthEndpoints.scopesField, configuration.scopes, required: false, Self.scopesDescription(declared: configuration.scopes))
        return fields
    }

    /// How several scopes are written is the provider's to say (OAuth's spaces, Zoho's commas), and the
    /// flow sends the field as typed: the description names a separator only where the spec's own value
    /// shows one.
    static func scopesDescription(declared: String?) -> String {
        let separator: String? = switch declared {
        case let scopes? where scopes.contains(" "): "spaces"
        case let scopes? where scopes.contains(","): "commas"
        default: nil
        }
        return "The OAuth scopes to ask for" + (separator.map { ", separated by \($0) as in the default" } ?? "") + "."
    }

    /// Whether `name` is one of the OAuth step's own fields for `method`, not a connector option.
    public func isOAuthEndpointField(_ name: String, method: AuthMethod?) -> Bool {
        oauthEndpointFields(for: method).contains { $0.name == name }
    }
}
