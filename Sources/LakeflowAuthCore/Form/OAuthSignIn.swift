import FoundationEssentials

/// The sign-in a field left empty stands for: the code flow's refresh token (zoho_crm,
/// google_sheets_docs, gmail), which the flow fills as `authenticate.py` does. Every form offers it in
/// the field's place, in these words, and still takes a refresh token the person already has.
public struct OAuthSignIn: Sendable, Equatable {
    /// The authorization endpoint's host as the form's values fill it; nil while an option it names is
    /// empty or it is no URL.
    public let host: String?

    /// "Sign in with accounts.zoho.com".
    public var label: String { "Sign in with \(host ?? "the provider")" }

    /// What leaving the field empty does, for a prompt or a placeholder.
    public var whenEmpty: String { "empty: \(label.lowercasedFirst) when you save" }

    /// The one line under the field's description.
    public var note: String {
        "Leave it empty to \(label.lowercasedFirst) when you save; paste a refresh token you already have to use it instead."
    }
}

extension Form {
    /// The sign-in a submit runs as the form stands: the code flow applies and no refresh token is
    /// typed (gmail declares no field for it; zoho_crm's is empty). Nil when none would run.
    public var pendingSignIn: OAuthSignIn? {
        guard spec.oauthFlow(for: authMethod)?.flow == .u2m, (values[OAuthOption.refreshToken] ?? "").isEmpty else { return nil }
        return OAuthSignIn(host: authorizationHost)
    }

    /// The sign-in that fills `option` when it is left empty; nil for every other option.
    public func signIn(filling option: String) -> OAuthSignIn? {
        guard spec.isFilledByOAuth(option, method: authMethod) else { return nil }
        return OAuthSignIn(host: authorizationHost)
    }

    /// The host of the authorization endpoint in use: the field's value (or the spec's), its
    /// placeholders filled from the other fields.
    private var authorizationHost: String? {
        guard let field = field(OAuthEndpoints.authorizationURLField), let text = effectiveValue(field),
              let template = try? Template(text) else { return nil }
        var complete = true
        let filled = template.fill { name in
            guard let option = self.field(name), let value = effectiveValue(option), !value.isEmpty else {
                complete = false
                return ""
            }
            return value
        }
        guard complete, let url = URL(string: filled) else { return nil }
        return HTTPOrigin(url)?.host
    }
}

private extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
