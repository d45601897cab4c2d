import Foundation

/// Checks credentials with the one live call their spec declares.
public struct ProbeClient: Sendable {
    /// Probe answers are small; anything bigger is not the endpoint the spec meant.
    public static let responseLimit = 1 << 20
    public static let defaultTimeout: Duration = .seconds(10)

    public init() {}

    /// - Returns: the result, `.unverified` when the spec declares no probe for the credentials' auth method.
    /// - Throws: `ProbeURLError` before anything is sent, when the filled URL is unusable or would
    ///   carry the credentials over plain http to another machine.
    /// - Parameter bearer: an OAuth access token, sent instead of the auth the probe declares.
    public func probe(_ credentials: Credentials, spec: ConnectorSpec, timeout: Duration = ProbeClient.defaultTimeout,
                      bearer: String? = nil) async throws(ProbeURLError) -> ProbeResult {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        guard let probe = spec.probe(for: method) else {
            return .unverified(source: spec.title, authMethod: method?.name)
        }
        let options = spec.formOptions(for: method)
        let request = try ProbeRequest(credentials: credentials, probe: probe, options: options, bearer: bearer)
        let exchange = await ProbeSession.send(request, timeout: timeout, responseLimit: Self.responseLimit)
        let judgement = ProbeJudgement(
            spec: spec, method: method, probe: probe, request: request,
            scrubber: Self.scrubber(credentials, probe: probe, options: options, bearer: bearer),
            responseLimit: Self.responseLimit)
        return judgement.result(of: exchange)
    }

    /// Every secret the request carries, in each form a server could reflect it.
    static func scrubber(_ credentials: Credentials, probe: ProbeSpec, options: [ConnectorOption], bearer: String? = nil) -> SecretScrubber {
        func raw(_ name: String) -> String { credentials[name]?.plainText ?? "" }
        var secrets = bearer.map { [$0] } ?? []
        var pairs: [String] = []
        switch probe.auth {
        case .none:
            break
        case let .bearer(token):
            secrets.append(token.fill(raw))
        case let .basic(username, password):
            secrets.append(password.fill(raw))
            pairs.append(username.fill(raw) + ":" + password.fill(raw))
        case let .header(_, value), let .query(_, value):
            secrets.append(value.fill(raw))
        }
        return SecretScrubber(credentials: credentials, options: options).adding(secrets: secrets, basicPairs: pairs)
    }
}
