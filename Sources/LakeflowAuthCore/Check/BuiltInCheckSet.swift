/// The built-in checks attached to a spec (`CheckLayer`): the ones whose every name the spec has.
public struct BuiltInCheckSet: Sendable, Equatable {
    /// By the spec's method name, or with `select` by that option's values.
    public var entries: [(String, ConnectorCheck)]
    /// The check of a spec without auth methods and without `select`.
    public var single: ConnectorCheck?
    /// The option whose value picks the entry, for a spec without auth methods.
    public var select: String?
    /// The entry used when the `select` option is empty.
    public var defaultEntry: String?
    /// Where the file is, as messages name it.
    public var path: String

    public init(entries: [(String, ConnectorCheck)] = [], single: ConnectorCheck? = nil, select: String? = nil,
                defaultEntry: String? = nil, path: String) {
        self.entries = entries
        self.single = single
        self.select = select
        self.defaultEntry = defaultEntry
        self.path = path
    }

    public static func == (lhs: BuiltInCheckSet, rhs: BuiltInCheckSet) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0 == $1 } && lhs.single == rhs.single && lhs.select == rhs.select
            && lhs.defaultEntry == rhs.defaultEntry && lhs.path == rhs.path
    }

    public func entry(_ name: String) -> ConnectorCheck? {
        entries.first { $0.0 == name }?.1
    }
}
