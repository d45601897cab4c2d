import FoundationEssentials
import LoopbackHTTP

/// Maps a request to Acme's credential-probe behaviour. Pure, so the whole
/// decision is visible in one place and independent of sockets.
struct ProbeRouter: Sendable {
    let configuration: AcmeSandboxConfiguration
    /// Keys revoked since the server started, which it then refuses as unknown.
    let revoked: RevokedKeys

    func reply(to request: HTTPRequest) -> HTTPReply {
        guard let slug = Self.workspaceSlug(inProbePath: request.path) else {
            return .respond(.json(404, ["error": "not found"]))
        }
        guard request.method == "GET" else {
            var response = HTTPResponse.json(405, ["error": "method not allowed"])
            response.headers.append(("Allow", "GET"))
            return .respond(response)
        }
        guard let workspace = configuration.workspace(slug: slug) else {
            return .respond(.json(404, ["error": "workspace not found"]))
        }
        if let fault = workspace.fault, let reply = fault.reply(workspace: workspace, request: request) {
            return reply
        }
        return .respond(Self.identify(Credential(authorizationHeader: request.header("authorization")),
                                      in: workspace.revoking(revoked.keys)))
    }

    /// `/v1/workspaces/{slug}/me` → `slug`.
    static func workspaceSlug(inProbePath path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == 5, segments[0].isEmpty, segments[1] == "v1",
              segments[2] == "workspaces", !segments[3].isEmpty, segments[4] == "me" else { return nil }
        return String(segments[3])
    }

    private static func identify(_ credential: Credential?, in workspace: AcmeSandboxConfiguration.Workspace) -> HTTPResponse {
        let account: (name: String, permitted: Bool)?
        switch credential {
        case .bearer(let presented):
            // Every key is compared so the time taken does not depend on which one matched.
            account = workspace.apiKeys
                .filter { constantTimeEquals($0.key, presented) }
                .map { ($0.accountName, $0.permitted) }
                .first
        case .basic(let username, let password):
            account = workspace.users
                .filter { user in
                    // Both halves are always compared, so timing does not reveal which usernames exist.
                    let usernameMatches = constantTimeEquals(user.username, username)
                    let passwordMatches = constantTimeEquals(user.password, password)
                    return usernameMatches && passwordMatches
                }
                .map { ($0.accountName, $0.permitted) }
                .first
        case nil:
            account = nil
        }

        guard let account else {
            // No `WWW-Authenticate`: this module's tests talk to it through URLSession, which on
            // Linux never completes a 401 carrying one. (The probe sends through libcurl itself.)
            return .json(401, ["error": "unauthorized"])
        }
        guard account.permitted else {
            return .json(403, ["error": "forbidden"])
        }
        return .json(200, ["id": stableID(workspace: workspace.slug, account: account.name), "name": account.name])
    }

    /// FNV-1a rather than `Hasher`, whose per-process seed would change the id
    /// between runs and break clients that cache it.
    static func stableID(workspace: String, account: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(workspace)\u{0}\(account)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return "acct_" + String(hash, radix: 16)
    }
}
