extension ConnectorSpec {
    /// The check for `method`: the spec's own probe where it declares one (it wins), else the built-in
    /// check of that method; for a spec with `select`, the entry the credentials' value picks (or the
    /// default one). Nil when nothing is declared.
    public func check(for method: AuthMethod?, credentials: Credentials? = nil) -> ConnectorCheck? {
        if let probe = probe(for: method) { return ConnectorCheck(probe: probe) }
        guard let builtInChecks else { return nil }
        if let method { return builtInChecks.entry(method.name) }
        if let select = builtInChecks.select {
            let chosen = credentials?[select]?.plainText
            return builtInChecks.entry(chosen.flatMap { $0.isEmpty ? nil : $0 } ?? builtInChecks.defaultEntry ?? "")
        }
        return builtInChecks.single
    }

    /// Whether submitting asks the source before saving: a check that sends requests, or an OAuth flow.
    public func checksLive(_ method: AuthMethod?) -> Bool {
        if oauthFlow(for: method) != nil { return true }
        if let builtInChecks, method == nil, builtInChecks.select != nil {
            return builtInChecks.entries.contains { $0.1.noCheckReason == nil }
        }
        return check(for: method).map { $0.noCheckReason == nil } ?? false
    }

    /// Whether the method's built-in check makes the connector's token exchange itself (zoho_crm's
    /// refresh at the data centre's own accounts server): it reads no `{access_token}`, so the flow's
    /// refresh or client-credentials exchange would be a second, and perhaps a wrong, one.
    func builtInCheckExchangesTokens(_ method: AuthMethod?, credentials: Credentials?) -> Bool {
        guard let check = check(for: method, credentials: credentials), check.source == .builtIn, check.noCheckReason == nil else {
            return false
        }
        return !check.optionNames(in: check.requests.flatMap(\.templates)).contains(CheckFileReader.accessToken)
    }
}
