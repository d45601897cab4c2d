/// An action the setup cannot take in its state.
public enum SetupError: UserFacingError {
    case nothingToSaveUnverified
    case unverifiedSaveRefused(CheckFailure)

    public var message: String {
        switch self {
        case .nothingToSaveUnverified: return "there are no checked credentials to save unverified"
        case let .unverifiedSaveRefused(failure): return "\(failure.message); these values cannot be saved unverified"
        }
    }

    public var hints: [String] {
        guard case let .unverifiedSaveRefused(failure) = self else { return [] }
        return failure.hints
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .nothingToSaveUnverified: return .badInput
        case let .unverifiedSaveRefused(failure): return failure.exitStatus
        }
    }
}
