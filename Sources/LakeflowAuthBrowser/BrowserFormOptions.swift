/// How the browser form is served, from the command line.
public struct BrowserFormOptions: Sendable {
    /// 0: a free port the system picks.
    public var port: UInt16
    public var opensBrowser: Bool
    /// With no request for this long, the form ends with nothing saved.
    public var idleTimeout: Duration
    /// Values start from these env vars, as with `--from-env`.
    public var environment: [String: String]
    /// The auth method asked for (`--auth-method`), over the stored one.
    public var authMethod: String?

    public static let defaultIdleTimeout: Duration = .seconds(15 * 60)

    public init(port: UInt16 = 0, opensBrowser: Bool = true, idleTimeout: Duration = defaultIdleTimeout,
                environment: [String: String], authMethod: String? = nil) {
        self.port = port
        self.opensBrowser = opensBrowser
        self.idleTimeout = idleTimeout
        self.environment = environment
        self.authMethod = authMethod
    }
}
