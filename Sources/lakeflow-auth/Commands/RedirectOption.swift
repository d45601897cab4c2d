import ArgumentParser
import LakeflowAuthCore

/// `--redirect-uri URI`: where the provider sends the browser back after a sign-in, as the OAuth app
/// registered it (many providers match it exactly, port included). Setup and `connection create|update`
/// both sign in, so both take it.
struct RedirectOption: ParsableArguments {
    @Option(name: .customLong("redirect-uri"),
            help: ArgumentHelp("The OAuth code flow's redirect address, as the OAuth app registered it: http on 127.0.0.1 or localhost, e.g. http://localhost:9876/oauth/callback (default: http://127.0.0.1:<a free port>/oauth/callback).",
                               valueName: "uri"))
    var uri: String?

    /// The one value the forms, the headless path and the connection's sign-in hand to the core.
    var redirect: OAuthRedirect {
        uri.flatMap { try? OAuthRedirect($0) } ?? .standard
    }

    func validate() throws {
        guard let uri else { return }
        do {
            _ = try OAuthRedirect(uri)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
