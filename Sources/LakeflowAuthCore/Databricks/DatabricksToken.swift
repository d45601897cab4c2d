import Foundation

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
            return try await cliToken(profile: profile)
        }
    }

    /// `databricks auth token --profile NAME`, which prints `{"access_token": …}`.
    private static func cliToken(profile: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["databricks", "auth", "token", "--profile", profile]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw DatabricksError.cliFailed(profile: profile, problem: "it could not be started") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let problem = process.terminationStatus == 127 ? "the Databricks CLI is not installed" : "it exited with status \(process.terminationStatus)"
            throw DatabricksError.cliFailed(profile: profile, problem: problem)
        }
        guard let token = (try? JSONParser.parse(Array(data.prefix(DatabricksAPI.responseLimit))))?["access_token"]?.stringValue,
              !token.isEmpty else {
            throw DatabricksError.cliFailed(profile: profile, problem: "its output has no access_token")
        }
        return token
    }
}
