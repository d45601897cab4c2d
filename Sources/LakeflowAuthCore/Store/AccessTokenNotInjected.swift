/// `export --with-access-token` for a connector that Unity Catalog gives no access token: its spec has
/// no OAuth flow of Unity Catalog's (`flow: u2m` or `m2m`) for the stored auth method.
public struct AccessTokenNotInjected: UserFacingError, Equatable {
    public let connector: String
    public let authMethod: String?

    public init(connector: String, authMethod: String?) {
        self.connector = connector
        self.authMethod = authMethod
    }

    public var message: String {
        let method = authMethod.map { " for its \($0) method" } ?? ""
        return "\(connector)'s spec declares no OAuth flow that Unity Catalog runs\(method), so its connector is given no access_token"
    }

    public var hints: [String] { ["leave out --with-access-token: the stored options are what the connector reads"] }

    public var exitStatus: ExitStatus { .badInput }
}
