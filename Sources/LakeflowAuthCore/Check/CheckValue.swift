/// A value a check's template reads, with what the check must know of it: whether it is secret
/// (masked in a plan, scrubbed from answers, held to the secret-host rule), whether it is still to
/// come (a plan shows `{access_token}`), and where it came from.
struct CheckValue: Sendable {
    /// Where a value came from, as far as the secret-host rule cares (README: "Where a secret may go").
    enum Origin: Sendable, Equatable {
        /// The person's own values, typed or stored.
        case person
        /// The layer's own text or its `options.<name>.default`.
        case checkFile
        /// The spec's `default`: trusted by the spec's own probe only.
        case spec
        /// An earlier answer; `trusted` when that request's host came from the person's values.
        case answer(host: String, trusted: Bool)
        /// A token the OAuth flow obtained.
        case obtained
    }

    /// What is sent; for a value still to come, its placeholder.
    var text: String
    /// What a plan shows: a secret masked unless revealed.
    var shown: String
    var secret: Bool
    var pending: Bool
    var origin: Origin

    /// A value that is one thing (an option, a token, a signature): shown masked when secret.
    static func leaf(_ text: String, secret: Bool, origin: Origin, reveal: Bool) -> CheckValue {
        CheckValue(text: text, shown: secret && !reveal ? Masking.mask(text) : text, secret: secret, pending: false, origin: origin)
    }

    /// A value the check obtains while it runs, as a plan shows it: `{access_token}`.
    static func pending(_ name: String) -> CheckValue {
        CheckValue(text: "{\(name)}", shown: "{\(name)}", secret: true, pending: true, origin: .obtained)
    }
}

extension CheckValue.Origin {
    /// The weaker of two origins, for a host built from both (`https://{subdomain}.zendesk.com`).
    func weaker(_ other: CheckValue.Origin) -> CheckValue.Origin {
        func rank(_ origin: CheckValue.Origin) -> Int {
            switch origin {
            case .checkFile: return 0
            case .person: return 1
            case .spec: return 2
            case .answer(_, true): return 3
            case .answer(_, false): return 4
            case .obtained: return 5
            }
        }
        return rank(other) > rank(self) ? other : self
    }
}
