/// How the browser form is served, from the command line.
public struct BrowserFormOptions: Sendable {
    /// 0: a free port the system picks.
    public var port: UInt16
    /// Whether the form's own link is opened in a browser (`--no-open` says no).
    public var opensBrowser: Bool
    /// With no request for this long, the form ends with nothing saved.
    public var idleTimeout: Duration

    public static let defaultIdleTimeout: Duration = .seconds(15 * 60)

    public init(port: UInt16 = 0, opensBrowser: Bool = true, idleTimeout: Duration = defaultIdleTimeout) {
        self.port = port
        self.opensBrowser = opensBrowser
        self.idleTimeout = idleTimeout
    }
}
