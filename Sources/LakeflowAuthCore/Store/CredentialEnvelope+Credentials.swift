extension CredentialEnvelope {
    /// The stored values as credentials again, to probe them once more.
    public var credentials: Credentials {
        Credentials(connector: connector, authMethod: authMethod, values: options, oauthEndpoints: oauthEndpoints)
    }
}
