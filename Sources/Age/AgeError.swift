/// Every failure the age module reports. Descriptions never include key material or plaintext,
/// because they end up in logs and terminals.
public enum AgeError: Error, Equatable, CustomStringConvertible {
    /// None of the identities could unwrap the file key from any recipient stanza.
    case noIdentityMatched
    /// The header is malformed, or a stanza addressed to one of the identities is.
    case headerFailure(String)
    /// The file key was unwrapped but the header MAC does not verify.
    case hmacFailure
    /// The header verified but the encrypted payload is damaged or truncated.
    case payloadFailure(String)
    /// The input looked armored but is not strict PEM.
    case armorFailure(String)
    /// A key, recipient or identity string could not be decoded.
    case invalidKey(String)
    /// An identity file line is neither a comment nor an identity.
    case invalidIdentityFile(String)
    /// The recipients passed to encryption cannot be combined.
    case invalidRecipients(String)

    public var description: String {
        switch self {
        case .noIdentityMatched:
            "no identity matched any of the file's recipients; check that the right key or passphrase was used"
        case .headerFailure(let reason):
            "invalid age header: \(reason)"
        case .hmacFailure:
            "age header authentication failed; the file was modified or the wrong key was used"
        case .payloadFailure(let reason):
            "age payload is corrupted: \(reason)"
        case .armorFailure(let reason):
            "invalid armored age file: \(reason)"
        case .invalidKey(let reason):
            "invalid age key: \(reason)"
        case .invalidIdentityFile(let reason):
            "invalid age identity file: \(reason)"
        case .invalidRecipients(let reason):
            "invalid age recipients: \(reason)"
        }
    }
}
