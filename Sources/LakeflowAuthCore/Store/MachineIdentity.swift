import Age

/// This machine's age identity: what every stored file is encrypted to and opened with.
public struct MachineIdentity: Sendable {
    /// Every key in the identity file; the first is the one files are encrypted to.
    public let identities: [X25519Identity]
    /// Created by this process, rather than read from an existing file.
    public let isNew: Bool

    init(identities: [X25519Identity], isNew: Bool = false) {
        precondition(!identities.isEmpty, "an identity file holds at least one key")
        self.identities = identities
        self.isNew = isNew
    }

    public var recipient: X25519Recipient { identities[0].recipient }

    /// The `age1…` public key a teammate adds to their recipients.txt.
    public var publicKey: String { recipient.bech32 }
}
