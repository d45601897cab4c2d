/// Said with the first credentials a store holds: every file is encrypted to this machine's identity,
/// which nothing can replace, so a person learns to back it up before the day it is lost rather than
/// after. A note of the saved result, so every front end says it in the same words.
public struct IdentityNotice: Sendable, Equatable {
    public let identityPath: String
    public let recipientsPath: String
    /// The identity was created by this setup, rather than by an earlier one or `lakeflow-auth identity`.
    public let created: Bool

    public var message: String {
        created
            ? "created \(identityPath), this machine's identity: every credential stored here is encrypted to it, and losing it loses them all"
            : "every credential stored here is encrypted to this machine's identity, \(identityPath): losing it loses them all"
    }

    public var hints: [String] {
        ["back it up now, where only you can read it (a password manager, an encrypted disk)",
         "or add a second recipient: the public key of an age identity kept elsewhere (`age-keygen -o backup.txt` prints one) "
             + "on a line of \(recipientsPath); what is saved after that opens with either key"]
    }
}
