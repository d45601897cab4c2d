import Age

/// This machine's age identity: what every stored file is encrypted to and opened with.
public struct MachineIdentity: Sendable {
    /// Every key in the identity file; the first is the one files are encrypted to.
    public let identities: [X25519Identity]

    init(identities: [X25519Identity]) {
        precondition(!identities.isEmpty, "an identity file holds at least one key")
        self.identities = identities
    }

    public var recipient: X25519Recipient { identities[0].recipient }

    /// The `age1…` public key a teammate adds to their recipients.txt.
    public var publicKey: String { recipient.bech32 }
}
