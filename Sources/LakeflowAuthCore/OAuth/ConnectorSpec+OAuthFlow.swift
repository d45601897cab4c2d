extension ConnectorSpec {
    /// The OAuth flow this tool runs for `method`, nil when none.
    ///
    /// The `oauth` block does not say which auth method it serves, so the options decide: it applies to
    /// a method whose fields include `client_id` and `client_secret` (azure_devops' `service_principal`,
    /// youtube's `oauth`), or to a spec without methods that declares both (gmail, zoho_crm). A spec's
    /// other methods (a personal access token, an API key) run no flow. `u2m_per_user` runs nothing
    /// here: the connection holds the app's configuration and each end user authorizes at run time.
    public func oauthFlow(for method: AuthMethod?) -> OAuthConfiguration? {
        guard let configuration = oauthConfiguration, configuration.flow != .u2mPerUser else { return nil }
        guard method != nil || authMethods.isEmpty else { return nil }
        let names = Set(formOptions(for: method).map(\.name))
        guard names.contains(OAuthOption.clientID), names.contains(OAuthOption.clientSecret) else { return nil }
        return configuration
    }

    /// The flow whose `access_token` Unity Catalog injects into the connector's options at query time,
    /// so that `exec` hands the connector's tests one too: a block that says its `flow` (a Unity Catalog
    /// connection's `community_oauth_flow`: gmail, youtube's `oauth`, odata's `oauth`, azure_devops' and
    /// collibra's `service_principal`), for a method it applies to. Nil for a block without `flow`
    /// (zoho_crm, google_sheets_docs), whose connector exchanges its refresh token itself.
    public func injectedAccessTokenFlow(for method: AuthMethod?) -> OAuthConfiguration? {
        guard let configuration = oauthFlow(for: method), configuration.declaresFlow else { return nil }
        return configuration
    }

    /// Whether the flow fills `option`, so a form does not ask for it: the code flow's refresh token
    /// (google_sheets_docs and zoho_crm declare it required, since their connectors read it).
    public func isFilledByOAuth(_ option: String, method: AuthMethod?) -> Bool {
        option == OAuthOption.refreshToken && oauthFlow(for: method)?.flow == .u2m
    }
}

/// The option names through which the flow and the connectors meet, as upstream's CLI names them.
public enum OAuthOption {
    public static let clientID = "client_id"
    public static let clientSecret = "client_secret"
    public static let refreshToken = "refresh_token"
    /// What Unity Catalog injects at query time, and `exec` in the tests' options.
    public static let accessToken = "access_token"
}
