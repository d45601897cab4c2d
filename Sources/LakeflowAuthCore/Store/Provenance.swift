import FoundationEssentials

/// Who wrote a stored file, as far as this machine can tell. An age file needs only this machine's
/// public key to write (that is what sharing through `recipients.txt` is for), so a file that opens
/// may still be a teammate's, CI's or a forgery: only a MAC that this machine's identity alone can make
/// (`EnvelopeSeal`) says it was written here.
public enum Provenance: Sendable, Equatable {
    /// Sealed by this machine's identity.
    case thisMachine
    /// Encrypted to this machine's public key by someone else: nothing in it was checked here.
    case elsewhere
}
