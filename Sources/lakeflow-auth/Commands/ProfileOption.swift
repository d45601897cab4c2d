import ArgumentParser
import FoundationEssentials
import LakeflowAuthCore

/// `--profile NAME`, shared by every command that names stored credentials.
struct ProfileOption: ParsableArguments {
    @Option(help: ArgumentHelp("Which credential set of the connector (default: $LAKEFLOW_AUTH_PROFILE, else default).",
                               valueName: "name"))
    var profile: String?

    /// The profile asked for, checked before anything else happens.
    func resolved() throws -> String {
        try ProfileName.requested(flag: profile, environment: ProcessInfo.processInfo.environment)
    }
}
