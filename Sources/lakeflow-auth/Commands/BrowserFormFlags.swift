import ArgumentParser
import FoundationEssentials
import LakeflowAuthBrowser
import LakeflowAuthCore

/// `--browser [--no-open] [--port N] [--timeout DURATION]`.
struct BrowserFormFlags: ParsableArguments {
    @Flag(help: "Serve the form on 127.0.0.1 and fill it in a browser (the default without a terminal).")
    var browser = false

    @Flag(help: "Open no browser: the browser form and an OAuth step's authorization link are only printed.")
    var noOpen = false

    @Option(help: ArgumentHelp("With the browser form: listen on this port (default: a free one).", valueName: "port"))
    var port: UInt16?

    @Option(help: ArgumentHelp("With the browser form: stop after this long without a visit, e.g. 90s, 30m, 1h (default: 15m); with --from-env: wait this long for the OAuth callback (default: 5m).",
                               valueName: "duration"))
    var timeout: String?

    /// With `--from-env`, `--timeout` bounds the wait for the OAuth callback instead.
    var oauthCallbackTimeout: Duration {
        timeout.flatMap(Self.duration) ?? OAuthAuthorization.defaultCallbackTimeout
    }

    /// True when a flag that only the browser form reads was given (`--no-open` serves every form).
    var givesBrowserSettings: Bool { port != nil || timeout != nil }

    func validate() throws {
        if let timeout, Self.duration(timeout) == nil {
            throw ValidationError("--timeout takes a duration such as 90s, 30m or 1h, up to 24h")
        }
        if port == 0 { throw ValidationError("--port takes a port from 1 to 65535") }
    }

    var options: BrowserFormOptions {
        BrowserFormOptions(port: port ?? 0, opensBrowser: !noOpen,
                           idleTimeout: timeout.flatMap(Self.duration) ?? BrowserFormOptions.defaultIdleTimeout)
    }

    /// `90s`, `30m`, `1h`, or bare seconds; more than 0 and at most a day.
    static func duration(_ text: String) -> Duration? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        let unit = text.last.flatMap { units[$0] }
        let digits = unit == nil ? Substring(text) : text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let amount = Int(digits), amount > 0 else { return nil }
        let seconds = amount.multipliedReportingOverflow(by: unit ?? 1)
        guard !seconds.overflow, seconds.partialValue <= 24 * 3600 else { return nil }
        return .seconds(seconds.partialValue)
    }
}
