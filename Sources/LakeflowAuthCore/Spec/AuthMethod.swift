/// One way of authenticating; a spec with several asks the user to pick exactly one.
public struct AuthMethod: Sendable, Equatable {
    public var name: String
    public var description: String
    public var options: [ConnectorOption]
    /// This method's probe: the spec-wide probe with this method's overrides applied.
    public var probe: ProbeSpec?

    public init(name: String, description: String = "", options: [ConnectorOption] = [], probe: ProbeSpec? = nil) {
        self.name = name
        self.description = description
        self.options = options
        self.probe = probe
    }
}
