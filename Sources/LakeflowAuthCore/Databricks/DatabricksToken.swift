import FoundationEssentials

/// The bearer token for a workspace: the personal access token itself, a service principal's OAuth
/// token, or one the Databricks CLI hands out for its profile.
enum DatabricksToken {
    static func obtain(for workspace: DatabricksWorkspace, api: DatabricksAPI) async throws -> String {
        switch workspace.authentication {
        case let .token(token):
            return token
        case let .servicePrincipal(clientID, clientSecret):
            let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
            let request = HTTPClient.Request.formPost(url: api.url("/oidc/v1/token"),
                                               fields: [("grant_type", "client_credentials"), ("scope", "all-apis")],
                                               headers: [("Authorization", "Basic \(basic)")])
            let answer = try await api.send(request, operation: "give the service principal a token")
            guard let token = answer["access_token"]?.stringValue, !token.isEmpty else {
                throw DatabricksError.unreachable(host: api.hostName, problem: "its token answer has no access_token")
            }
            return token
        case let .databricksCLI(profile):
            return try cliToken(profile: profile)
        }
    }

    /// How long `databricks auth token` may take (it may refresh its token over the network first)
    /// and how much it may print (its answer is a few hundred bytes).
    static let cliTimeout: Duration = .seconds(30)
    static let cliOutputLimit = 64 * 1024

    /// `databricks auth token --profile NAME`, which prints `{"access_token": …}`.
    static func cliToken(profile: String, command: String = "databricks", timeout: Duration = cliTimeout) throws(DatabricksError) -> String {
        let output: [UInt8]
        switch BoundedCommand.run([command, "auth", "token", "--profile", profile], timeout: timeout, outputLimit: cliOutputLimit) {
        case .cannotStart:
            throw .cliFailed(profile: profile, problem: "it could not be started")
        case .timedOut:
            throw .cliFailed(profile: profile, problem: "it did not answer within \(timeout.components.seconds) seconds, so it was stopped")
        case .tooMuchOutput:
            throw .cliFailed(profile: profile, problem: "it printed more than \(cliOutputLimit / 1024) KiB, so it was stopped")
        case let .exited(status, _) where status != 0:
            throw .cliFailed(profile: profile, problem: status == 127 ? "the Databricks CLI is not installed" : "it exited with status \(status)")
        case let .exited(_, printed):
            output = printed
        }
        guard let token = (try? JSONParser.parse(output))?["access_token"]?.stringValue, !token.isEmpty else {
            throw .cliFailed(profile: profile, problem: "its output has no access_token")
        }
        return token
    }
}
