/// What `rekey` did with one stored file.
public struct RekeyOutcome: Sendable {
    public let connector: String
    public let path: String
    /// How many keys it is now encrypted to: this machine's and those of `recipients.txt`.
    public let recipients: Int
    /// Why it was left as it was; nil when it was encrypted again.
    public let failure: StoreError?
}
