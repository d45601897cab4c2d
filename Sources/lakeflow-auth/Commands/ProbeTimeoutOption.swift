import ArgumentParser

/// `--probe-timeout`, shared by every command that asks the source.
struct ProbeTimeoutOption: ParsableArguments {
    /// The next word is the value even when it starts with `-`: `--probe-timeout -3` is a wrong
    /// number of seconds, not a missing one.
    @Option(name: .customLong("probe-timeout"), parsing: .unconditional,
            help: ArgumentHelp("Give up on the source's answer after this many seconds.", valueName: "seconds"))
    var seconds: Double = defaultSeconds

    static let defaultSeconds: Double = 10

    func validate() throws {
        guard seconds > 0, seconds <= 600 else {
            throw ValidationError("--probe-timeout takes more than 0 and at most 600 seconds")
        }
    }

    var duration: Duration { .milliseconds(Int64(seconds * 1000)) }
}
