extension SecretScrubber {
    /// Every secret option's value of `credentials` (a stored refresh token, a client secret, an API
    /// key): the secrets any request made for them may carry, and any answer may echo.
    public init(credentials: Credentials, options: [ConnectorOption]) {
        let secret = Set(options.filter(\.secret).map(\.name))
        self.init(secrets: credentials.values.filter { secret.contains($0.0) }.map(\.1.plainText))
    }
}
