import ArgumentParser

/// `lakeflow-auth version` (also `--version` and `-v`): which lakeflow-auth this is.
///
/// The version is this constant, raised with each release. The commit is not told: SwiftPM hands a
/// build no values (no stamping without a build plugin), and a manifest that asked git would be
/// evaluated once and cached, so it would name a stale commit; a binary that looked for a checkout
/// at run time would name the checkout's commit, not the one it was built from.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version.")

    static let number = "0.1.0"
    static let text = "lakeflow-auth \(number)"

    /// The flags that ask for the version, answered before any parse: ArgumentParser knows no `-v`, and
    /// would answer `--version` only from the root parse, the slow one.
    static let flags = ["--version", "-v"]

    func run() {
        print(Self.text)
    }
}
