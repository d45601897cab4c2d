/// One connection option: what a front end asks for and what the connector's tests receive.
public struct ConnectorOption: Sendable, Equatable {
    public var name: String
    public var type: OptionType
    public var required: Bool
    public var secret: Bool
    /// The spec said nothing and the name made the option secret (`OptionInference.looksSecret`).
    public var secretInferred: Bool
    /// The value spans lines (a PEM key): front ends take it until its end, not its first line break.
    public var multiline: Bool
    public var description: String
    public var defaultValue: String?
    public var choices: [String]
    public var pattern: String?
    public var example: String?
    /// The page where this credential is created or found (from the built-in layer).
    public var link: String?
    /// The env var that feeds this option in headless mode.
    public var envVar: String
    /// Keys seen in real `connector_spec.yaml` files that the template does not define
    /// (`display_name`, `examples`, …), kept as written.
    public var extras: [(String, JSONValue)]

    public init(
        name: String, type: OptionType = .string, required: Bool = false, secret: Bool = false,
        secretInferred: Bool = false, multiline: Bool = false, description: String = "", defaultValue: String? = nil, choices: [String] = [], pattern: String? = nil,
        example: String? = nil, envVar: String, extras: [(String, JSONValue)] = []
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.secret = secret
        self.secretInferred = secretInferred
        self.multiline = multiline
        self.description = description
        self.defaultValue = defaultValue
        self.choices = choices
        self.pattern = pattern
        self.example = example
        self.envVar = envVar
        self.extras = extras
    }

    public static func == (lhs: ConnectorOption, rhs: ConnectorOption) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type && lhs.required == rhs.required && lhs.secret == rhs.secret
            && lhs.secretInferred == rhs.secretInferred && lhs.multiline == rhs.multiline
            && lhs.description == rhs.description && lhs.defaultValue == rhs.defaultValue
            && lhs.choices == rhs.choices && lhs.pattern == rhs.pattern && lhs.example == rhs.example && lhs.link == rhs.link
            && lhs.envVar == rhs.envVar && JSONValue.object(lhs.extras) == JSONValue.object(rhs.extras)
    }
}
