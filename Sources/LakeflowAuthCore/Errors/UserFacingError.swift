/// An error a person can act on: one message, optional hints, and the exit status it maps to.
///
/// Every front end shows these the same way (`lakeflow-auth: error: …` then `lakeflow-auth: hint: …`),
/// so messages are lower case with no final period, and never contain a secret value.
public protocol UserFacingError: Error, CustomStringConvertible {
    var message: String { get }
    var hints: [String] { get }
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var hints: [String] { [] }
    public var description: String { message }
}
