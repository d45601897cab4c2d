import FoundationEssentials

/// A device authorization (RFC 8628 §3.2): the person opens `verificationURI` on any device, types
/// `userCode`, and approves, while this tool polls the token endpoint with the device code. For a
/// browser that cannot reach this machine at all, where even pasting its address back is awkward.
public struct OAuthDeviceAuthorization: Sendable, Equatable {
    /// RFC 8628 §3.2: five seconds when the provider names no interval.
    static let defaultInterval = 5
    /// RFC 8628 §3.5: each `slow_down` adds five seconds.
    static let slowDownStep = 5

    /// Secret: it redeems the approval. Never shown.
    let deviceCode: String
    /// What the person types at the verification page.
    public let userCode: String
    public let verificationURI: URL
    /// The page with the code filled in, where the provider gives one.
    public let verificationURIComplete: URL?
    /// How long the codes are good for.
    public let lifetime: Duration
    /// The least time between two polls, in seconds.
    let interval: Int

    init?(_ answer: JSONValue) {
        // Google names it `verification_url`, as the draft of the RFC did.
        guard let deviceCode = answer["device_code"]?.stringValue, !deviceCode.isEmpty,
              let userCode = answer["user_code"]?.stringValue, !userCode.isEmpty,
              let verification = (answer["verification_uri"] ?? answer["verification_url"])?.stringValue,
              let verificationURI = Self.webAddress(verification),
              let lifetime = Self.seconds(answer["expires_in"]), lifetime > 0 else { return nil }
        self.deviceCode = deviceCode
        self.userCode = TerminalText.excerpt(userCode, limit: 40)
        self.verificationURI = verificationURI
        verificationURIComplete = answer["verification_uri_complete"]?.stringValue.flatMap(Self.webAddress)
        self.lifetime = .seconds(lifetime)
        interval = Self.seconds(answer["interval"]).map { max(1, $0) } ?? Self.defaultInterval
    }

    /// Only an http(s) address is shown to be opened; a provider's `javascript:` is not.
    private static func webAddress(_ text: String) -> URL? {
        guard let url = URL(string: text), HTTPOrigin(url) != nil else { return nil }
        return url
    }

    private static func seconds(_ value: JSONValue?) -> Int? {
        switch value {
        case let .integer(seconds)?: return seconds
        case let .string(text)?: return Int(text)
        default: return nil
        }
    }

    /// Polls until the person approves, refuses, or the codes expire (RFC 8628 §3.4, §3.5), waiting
    /// `interval` between polls and five seconds more after each `slow_down`.
    /// - Parameter clock: the tests' clock moves without waiting.
    func poll<C: Clock>(_ client: OAuthTokenClient, clock: C) async throws -> OAuthTokens where C.Duration == Duration {
        let deadline = clock.now.advanced(by: lifetime)
        var interval = self.interval
        while true {
            try await clock.sleep(until: clock.now.advanced(by: .seconds(interval)), tolerance: nil)
            guard clock.now < deadline else { throw OAuthError.deviceCodeExpired(seconds: Int(lifetime.components.seconds)) }
            let answer: OAuthError
            do {
                return try await client.request(.deviceCode(deviceCode))
            } catch {
                answer = error
            }
            guard case let .tokenRefused(error, description, host) = answer else { throw answer }
            switch error {
            case "authorization_pending": continue
            case "slow_down": interval += Self.slowDownStep
            case "access_denied": throw OAuthError.deniedAtCallback(error: error, description: description, host: host)
            case "expired_token": throw OAuthError.deviceCodeExpired(seconds: Int(lifetime.components.seconds))
            default: throw answer
            }
        }
    }
}
