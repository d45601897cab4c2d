/// Where the client's id and secret go at the token endpoint (RFC 6749 §2.3.1): as `client_id` and
/// `client_secret` form fields, or as HTTP Basic. Never both: strict endpoints refuse a request that
/// authenticates twice. Unknown (nil where it is asked for), the body is tried first, then Basic when
/// the endpoint answers `invalid_client`; what worked is kept with the credentials, so a refresh asks
/// the same way at once.
public enum OAuthClientAuthentication: String, Sendable, Equatable, CaseIterable {
    case body
    case basic
}
