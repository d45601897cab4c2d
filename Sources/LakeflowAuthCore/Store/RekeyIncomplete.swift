/// Some stored files could not be opened, so they were not re-encrypted; the others were.
public struct RekeyIncomplete: UserFacingError {
    public let failed: Int
    public let total: Int

    public init(failed: Int, total: Int) {
        self.failed = failed
        self.total = total
    }

    public var message: String {
        "\(failed) of \(total) stored file\(total == 1 ? "" : "s") could not be opened, so \(failed == 1 ? "it was" : "they were") left as \(failed == 1 ? "it was" : "they were")"
    }

    public var hints: [String] { ["the lines above say why; `lakeflow-auth <connector>` stores a connector's credentials again"] }
    public var exitStatus: ExitStatus { .storeFailure }
}
