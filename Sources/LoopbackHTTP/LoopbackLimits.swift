/// What one client may cost a loopback server. Every server of the tool reads requests within these,
/// so a slow, huge or greedy client is refused rather than served.
public struct LoopbackLimits: Sendable {
    /// Request line plus headers; real requests are a few hundred bytes.
    public var maxHeadBytes: Int
    /// One header line, so no single value can take the whole head.
    public var maxHeaderLineBytes: Int
    public var maxHeaderCount: Int
    /// Bodies are read whole up to this size; larger ones get 413.
    public var maxBodyBytes: Int
    /// Head and body must arrive within this, or the client gets 408 and is dropped.
    public var requestDeadline: Duration
    /// The request head must arrive within this: a browser sends it at once, so a socket that sends
    /// nothing holds its place only briefly (and a newcomer may take the place of the oldest such).
    public var headDeadline: Duration
    /// Connections served at once; the next ones get 503 until one ends.
    public var maxConnections: Int
    /// Places beyond `maxConnections` held back for requests the server's `priority` picks (a browser
    /// form's own session), so that others' requests cannot take every place.
    public var reservedConnections: Int
    /// How long a closing connection waits for the client to hang up first.
    public var lingerTimeout: Duration

    public init(maxHeadBytes: Int = 16 * 1024, maxHeaderLineBytes: Int = 8 * 1024, maxHeaderCount: Int = 64,
                maxBodyBytes: Int = 64 * 1024, requestDeadline: Duration = .seconds(10), headDeadline: Duration = .seconds(3),
                maxConnections: Int = 32, reservedConnections: Int = 0, lingerTimeout: Duration = .seconds(1)) {
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderLineBytes = maxHeaderLineBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.requestDeadline = requestDeadline
        self.headDeadline = headDeadline
        self.maxConnections = maxConnections
        self.reservedConnections = reservedConnections
        self.lingerTimeout = lingerTimeout
    }

    static let readChunk = 4096
}
