/// Validated, typed option values for one connector and auth method: what is stored, probed and
/// handed to the connector's tests.
public struct Credentials: Sendable, Equatable {
    public let connector: String
    public let authMethod: String?
    /// ConnectorOption values in form order.
    public let values: [(String, JSONValue)]
    /// The OAuth endpoints and scope the person set in place of the spec's (`token_url`: …), which the
    /// flow uses and the connector never sees; empty when the spec's stand.
    public let oauthEndpoints: [(String, String)]

    public init(connector: String, authMethod: String?, values: [(String, JSONValue)], oauthEndpoints: [(String, String)] = []) {
        self.connector = connector
        self.authMethod = authMethod
        self.values = values
        self.oauthEndpoints = oauthEndpoints
    }

    public static func == (lhs: Credentials, rhs: Credentials) -> Bool {
        lhs.connector == rhs.connector && lhs.authMethod == rhs.authMethod
            && JSONValue.object(lhs.values) == JSONValue.object(rhs.values)
            && lhs.oauthEndpoints.elementsEqual(rhs.oauthEndpoints) { $0 == $1 }
    }

    public subscript(option: String) -> JSONValue? {
        values.first { $0.0 == option }?.1
    }

    /// Exactly what the connector's tests read from `CONNECTOR_TEST_CONFIG_JSON`.
    public var options: JSONValue { .object(values) }
}
