import LoopbackHTTP

/// What the provider's redirect back says, read the same way whether the browser brought it to the
/// callback listener or the person pasted the address the browser ended on: its `code`, or its
/// `error`, for this run's `state` only.
enum OAuthCallbackAnswer: Equatable {
    /// None of `code`, `error` or `state`: a prefetch, the bare address reloaded, or text that is not
    /// a redirect at all.
    case nothing
    /// Another run's state, or a forged one.
    case otherState
    case decided(Result<String, OAuthError>)

    /// - Parameters:
    ///   - query: the part after `?`, form-encoded.
    ///   - needsAnswer: a state alone is nothing either: pasted, it is most likely the authorization
    ///     link itself, which carries this run's state.
    ///   - scrubber: the secrets in play, scrubbed from what the provider says with its error.
    init(query: String, expectedState: String, providerHost: String, scrubber: SecretScrubber, needsAnswer: Bool = false) {
        let pairs = FormURLEncoded.decode(Array(query.utf8)) ?? []
        let fields = Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard fields["code"] != nil || fields["error"] != nil || (fields["state"] != nil && !needsAnswer) else {
            self = .nothing
            return
        }
        guard fields["state"] == expectedState else {
            self = .otherState
            return
        }
        if let error = fields["error"] {
            let scrubber = scrubber.adding(secrets: fields["code"].map { [$0] } ?? [])
            self = .decided(.failure(OAuthError.deniedAtCallback(
                error: scrubber.shown(error, limit: OAuthError.codeLimit),
                description: fields["error_description"].map { scrubber.shown($0, limit: OAuthError.descriptionLimit) },
                host: providerHost)))
        } else if let code = fields["code"], !code.isEmpty {
            self = .decided(.success(code))
        } else {
            self = .decided(.failure(.callbackWithoutCode))
        }
    }

    /// A pasted address: the whole of what the browser's address bar showed, or only its query.
    init(pasted text: String, expectedState: String, providerHost: String, scrubber: SecretScrubber) {
        let scalars = text.unicodeScalars
        let start = scalars.firstIndex { !$0.isWhiteSpace } ?? scalars.endIndex
        let end = scalars.lastIndex { !$0.isWhiteSpace }.map(scalars.index(after:)) ?? start
        let trimmed = Substring(String(scalars[start..<max(start, end)]))
        let afterMark = trimmed.firstIndex(of: "?").map { trimmed[trimmed.index(after: $0)...] } ?? trimmed
        let query = afterMark.prefix { $0 != "#" }
        self.init(query: String(query), expectedState: expectedState, providerHost: providerHost, scrubber: scrubber, needsAnswer: true)
    }
}
