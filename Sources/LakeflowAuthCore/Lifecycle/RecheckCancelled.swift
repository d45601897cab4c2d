/// `probe --all` stopped by Ctrl-C.
public struct RecheckCancelled: UserFacingError {
    public let recorded: Int
    public let total: Int

    public init(recorded: Int, total: Int) {
        self.recorded = recorded
        self.total = total
    }

    public var message: String {
        "cancelled after \(recorded) of \(total) checks; their results are recorded, the checks in flight are not"
    }

    public var exitStatus: ExitStatus { .cancelled }
}
