import Crypto

/// Something a file can be encrypted to: it wraps the file key into one or more stanzas.
public protocol AgeRecipient: Sendable {
    func wrap(fileKey: SymmetricKey) throws -> [Stanza]
}

/// Something that can decrypt a file: it recognizes the stanzas addressed to it.
public protocol AgeIdentity: Sendable {
    /// Returns the file key, or nil when no stanza is addressed to this identity. Throws when a
    /// stanza of this identity's type is malformed, which makes the whole file invalid.
    func unwrap(stanzas: [Stanza]) throws -> SymmetricKey?
}
