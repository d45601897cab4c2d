/// Why a rotation did not end with every connection made from the credentials updated.
public enum RotationError: UserFacingError {
    /// The new credentials are stored, but not every connection was confirmed updated.
    case incomplete(connector: String, profile: String, failed: [ConnectionRefresh.Outcome])
    /// The check failed and the new credentials were kept anyway: the connections were left as they
    /// are, since nothing unverified goes to the workspace.
    case notPushed(CheckFailure, connections: Int)

    public var message: String {
        switch self {
        case let .incomplete(connector, profile, failed):
            return "the new credentials of \(TerminalText.excerpt(connector))\(ProfileName.phrase(profile)) are stored, but "
                + "\(failed.count) connection\(failed.count == 1 ? " was" : "s were") not confirmed updated: "
                + failed.map { TerminalText.sanitized($0.connection.name) }.joined(separator: ", ")
        case let .notPushed(failure, connections):
            return "the new credentials were kept unverified (\(failure.message)), so "
                + (connections == 1 ? "the connection made from them was" : "the \(connections) connections made from them were")
                + " not updated"
        }
    }

    public var hints: [String] {
        switch self {
        case let .incomplete(connector, profile, failed):
            return failed.map { outcome in
                "once the cause is fixed, run `lakeflow-auth connection update \(TerminalText.excerpt(connector)) "
                    + "\(TerminalText.sanitized(outcome.connection.name))\(ProfileName.flag(profile))`"
            }
        case .notPushed:
            return ["run `lakeflow-auth rotate` again once they pass the check"]
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case let .incomplete(_, _, failed):
            return failed.compactMap { outcome -> ExitStatus? in
                if case let .failure(error) = outcome.result { return error.exitStatus }
                return nil
            }.first ?? .unreachable
        case let .notPushed(failure, _):
            return failure.exitStatus
        }
    }
}
