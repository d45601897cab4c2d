import FoundationEssentials

/// The `access_token` Unity Catalog injects into a connector's options at query time, for the
/// connector's tests: the stored one while it has more than a minute left, else one minted again (a
/// refresh grant, or client credentials) and stored encrypted with the credentials, under the store's
/// lock. Minting asks the token endpoint the way that worked before (`client_auth`).
public enum FreshAccessToken {
    /// Nil when the connector's spec has Unity Catalog inject none (`injectedAccessTokenFlow`).
    /// - Throws: `OAuthError` when the provider refuses (3) or cannot be reached (4), or the stored code
    ///   flow holds no refresh token (2); `StoreError`. The stored file is then as it was.
    public static func obtain(for envelope: CredentialEnvelope, spec: ConnectorSpec, store: CredentialStore,
                              now: Date = Date(), probeTimeout: Duration = ProbeClient.defaultTimeout) async throws -> String? {
        guard spec.injectedAccessTokenFlow(for: envelope.authMethod.flatMap(spec.authMethod(named:))) != nil else { return nil }
        if let stored = envelope.oauth, stored.isFresh(at: now) { return stored.token }
        return try await store.update(envelope.connector, profile: envelope.profile) { current in
            // Another process may have minted one while this one waited for the lock.
            if let stored = current.oauth, stored.isFresh(at: now) { return (stored.token, nil) }
            let authorization = OAuthAuthorization(presenter: nil, probeTimeout: probeTimeout)
                .remembering(current.oauth?.clientAuthentication)
            guard let grant = try await authorization.authorize(current.credentials, spec: spec) else { return (nil, nil) }
            var minted = current
            minted.options = grant.credentials.values
            minted.oauth = OAuthAccessToken(grant.tokens)
            return (grant.tokens.accessToken, minted)
        }
    }
}
