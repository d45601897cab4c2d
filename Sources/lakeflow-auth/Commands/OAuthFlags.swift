import ArgumentParser
import LakeflowAuthCore

/// `--redirect-uri URI` and `--device`: how the code flow comes back from the provider.
struct OAuthFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The OAuth code flow's redirect address, as the OAuth app registered it: http on 127.0.0.1 or localhost, e.g. http://localhost:9876/oauth/callback (default: http://127.0.0.1:<a free port>/oauth/callback).",
                               valueName: "uri"))
    var redirectURI: String?

    @Flag(help: "With --from-env: authorize the OAuth code flow by a code entered on any device (RFC 8628), for a browser that cannot reach this machine.")
    var device = false

    /// The one value the forms and the headless path hand to the core.
    var redirect: OAuthRedirect {
        redirectURI.flatMap { try? OAuthRedirect($0) } ?? .standard
    }

    func validate() throws {
        if let redirectURI {
            do {
                _ = try OAuthRedirect(redirectURI)
            } catch {
                throw ValidationError(error.message)
            }
        }
        if device && redirectURI != nil { throw ValidationError("--device and --redirect-uri exclude each other: a device code needs no redirect") }
    }
}
