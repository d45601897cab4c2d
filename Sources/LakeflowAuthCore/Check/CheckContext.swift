/// What a check's templates read besides the person's values.
public struct CheckContext: Sendable, Equatable {
    /// Derived values by name, in the file's order.
    public var values: [(String, DerivedValue)]
    /// The defaults the connector's code applies, by option name (the layer's `options.<name>.default`).
    public var defaults: [String: String]
    /// Options the layer marks secret where the spec may not.
    public var secretOptions: Set<String>
    /// Where the layer's file is, for messages (`(built in)/checks/github.yaml`).
    public var path: String?

    public init(values: [(String, DerivedValue)] = [], defaults: [String: String] = [:], secretOptions: Set<String> = [],
                path: String? = nil) {
        self.values = values
        self.defaults = defaults
        self.secretOptions = secretOptions
        self.path = path
    }

    public static func == (lhs: CheckContext, rhs: CheckContext) -> Bool {
        lhs.values.elementsEqual(rhs.values) { $0 == $1 } && lhs.defaults == rhs.defaults
            && lhs.secretOptions == rhs.secretOptions && lhs.path == rhs.path
    }

    public func value(named name: String) -> DerivedValue? {
        values.first { $0.0 == name }?.1
    }
}
