/// Which credential set of a connector a command means: several per connector (dev and prod, two
/// GitHub organizations), `default` when none is named. A profile names a file beside the connector's
/// (`credentials/acme@prod.age`), so it is held to the rules of connector names and more: no path
/// separator, no dot, nothing hidden, and short enough that the file name stays well within a file
/// system's limit.
public enum ProfileName {
    /// The profile of every file stored before profiles existed, and of any command that names none.
    public static let `default` = "default"
    /// The env var that names the profile when `--profile` does not.
    public static let variable = "LAKEFLOW_AUTH_PROFILE"
    public static let maximumLength = 64

    /// Letters, digits, `_` and `-`, starting with a letter or a digit, at most 64.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= maximumLength else { return false }
        return isLetterOrDigit(first) && name.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "_" || $0 == "-" }
    }

    /// The profile asked for: `--profile`, else `LAKEFLOW_AUTH_PROFILE`, else `default`.
    /// - Throws: `ProfileError.invalidName` naming where the bad name came from.
    public static func requested(flag: String?, environment: [String: String]) throws(ProfileError) -> String {
        if let flag {
            guard isValid(flag) else { throw .invalidName(flag, source: "--profile") }
            return flag
        }
        guard let named = environment[variable], !named.isEmpty else { return self.default }
        guard isValid(named) else { throw .invalidName(named, source: variable) }
        return named
    }

    /// The profile's words in a message: nothing for the default, so messages about files stored
    /// before profiles read as they always did.
    static func phrase(_ profile: String) -> String {
        profile == self.default ? "" : " (profile \(TerminalText.excerpt(profile)))"
    }

    /// The flag that selects the profile in a command to run, empty for the default.
    static func flag(_ profile: String) -> String {
        profile == self.default ? "" : " --profile \(TerminalText.excerpt(profile))"
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
}
