/// Validated, typed option values for one connector and auth method: what is stored, probed and
/// handed to the connector's tests.
public struct Credentials: Sendable, Equatable {
    public let connector: String
    public let authMethod: String?
    /// ConnectorOption values in form order.
    public let values: [(String, JSONValue)]

    public init(connector: String, authMethod: String?, values: [(String, JSONValue)]) {
        self.connector = connector
        self.authMethod = authMethod
        self.values = values
    }

    public static func == (lhs: Credentials, rhs: Credentials) -> Bool {
        lhs.connector == rhs.connector && lhs.authMethod == rhs.authMethod
            && JSONValue.object(lhs.values) == JSONValue.object(rhs.values)
    }

    public subscript(option: String) -> JSONValue? {
        values.first { $0.0 == option }?.1
    }

    /// Exactly what the connector's tests read from `CONNECTOR_TEST_CONFIG_JSON`.
    public var options: JSONValue { .object(values) }
}
