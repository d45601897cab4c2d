import ArgumentParser
import LakeflowAuthCore

/// `--redirect-uri URI` and `--device`: how the code flow comes back from the provider.
struct OAuthFlags: ParsableArguments {
    @OptionGroup var redirectOption: RedirectOption

    @Flag(help: "With --from-env: authorize the OAuth code flow by a code entered on any device (RFC 8628), for a browser that cannot reach this machine.")
    var device = false

    var redirect: OAuthRedirect { redirectOption.redirect }

    func validate() throws {
        if device && redirectOption.uri != nil { throw ValidationError("--device and --redirect-uri exclude each other: a device code needs no redirect") }
    }
}
