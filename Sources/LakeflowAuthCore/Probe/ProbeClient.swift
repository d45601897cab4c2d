import FoundationEssentials

/// Checks credentials by the check their spec resolves to (its own probe, or the built-in layer's):
/// the one path by which every check is sent, judged, scrubbed and recorded.
public struct ProbeClient: Sendable {
    /// Check answers are small; anything bigger is not the endpoint the check meant.
    public static let responseLimit = 1 << 20
    public static let defaultTimeout: Duration = .seconds(10)

    public init() {}

    /// - Returns: the result; `.unverified` when no check is declared for the credentials' auth method,
    ///   or when one request cannot tell (the layer's `no_check` says why).
    /// - Throws: `ProbeRefusal` before a request is sent, when its address is unusable, it would carry
    ///   credentials over plain http to another machine or a secret to a host nobody named, or a key
    ///   cannot sign.
    /// - Parameters:
    ///   - timeout: one deadline for the whole check, every request included.
    ///   - accessToken: the OAuth flow's token, in a method its flow serves: the check's `{access_token}`.
    public func probe(_ credentials: Credentials, spec: ConnectorSpec, timeout: Duration = ProbeClient.defaultTimeout,
                      accessToken: String? = nil) async throws(ProbeRefusal) -> ProbeResult {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        guard let check = spec.check(for: method, credentials: credentials) else {
            return .unverified(source: spec.title, authMethod: method?.name)
        }
        if let reason = check.noCheckReason {
            return .unverified(source: spec.title, authMethod: method?.name, reason: reason)
        }
        var run = CheckRun(check: Self.replacingAuth(check, flowGivesToken: accessToken != nil), spec: spec, method: method,
                           credentials: credentials, accessToken: accessToken)
        return try await run.result(within: timeout)
    }

    /// A spec's own probe knows nothing of the OAuth flow: in a method the flow serves, the token it
    /// obtained goes as a bearer in place of the auth the probe declares, as it always did.
    static func replacingAuth(_ check: ConnectorCheck, flowGivesToken: Bool) -> ConnectorCheck {
        guard check.source == .spec, flowGivesToken, case let .requests(requests, expect, identity) = check.body else { return check }
        var replaced = check
        replaced.body = .requests(requests.map { request in
            var request = request
            request.auth = .bearer(token: try! Template("{\(CheckFileReader.accessToken)}"))
            return request
        }, expect: expect, identity: identity)
        return replaced
    }
}
