/// A profile name that cannot be used, or one with nothing stored under it.
public enum ProfileError: UserFacingError, Equatable {
    /// `source` is where the name came from: `--profile` or `LAKEFLOW_AUTH_PROFILE`.
    case invalidName(String, source: String)
    /// The connector has credentials stored, but not under this profile; `stored` are its profiles.
    case notFound(connector: String, profile: String, stored: [String])

    public var message: String {
        switch self {
        case let .invalidName(name, source):
            return "\(source): \"\(TerminalText.excerpt(name))\" is not a profile name"
        case let .notFound(connector, profile, stored):
            let guesses = NameSuggestion.closest(to: profile, among: stored)
            let guess = guesses.isEmpty ? "" : "; did you mean " + guesses.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
            return "no stored credentials for \"\(TerminalText.excerpt(connector))\" under profile \"\(TerminalText.excerpt(profile))\"" + guess
        }
    }

    public var hints: [String] {
        switch self {
        case .invalidName:
            return ["a profile name is 1 to \(ProfileName.maximumLength) letters, digits, '_' or '-', starting with a letter or digit"]
        case let .notFound(connector, profile, stored):
            let known = stored.isEmpty ? [] : ["\(TerminalText.excerpt(connector)) has the profile\(stored.count == 1 ? "" : "s") "
                + stored.map { TerminalText.excerpt($0) }.joined(separator: ", ")]
            return known + ["run `\(ConnectorName.setupCommand(connector))\(ProfileName.flag(profile))` to set this one up"]
        }
    }

    /// Nothing stored is the store's answer, as for a connector without credentials (README: exit 5).
    public var exitStatus: ExitStatus {
        switch self {
        case .invalidName: return .badInput
        case .notFound: return .storeFailure
        }
    }
}
