import FoundationEssentials
import Glibc

/// Everything that can go wrong reading or writing the credential store, in words that say what to
/// do next. Messages name files and public keys only, never a value or a secret key.
public enum StoreError: UserFacingError, Equatable {
    /// No stored credentials for a connector; `nearest` are stored connectors a few edits away.
    case notFound(connector: String, path: String, nearest: [String] = [])
    /// The file has no recipient stanza this machine's identity can open.
    case notForThisIdentity(path: String, connector: String, publicKey: String)
    /// The file fails age's authentication. A cut-off file is one of these: age's last chunk may have
    /// any length, so a file cut inside it cannot be told apart from a changed one.
    case damaged(path: String, connector: String)
    /// It decrypts, but what is inside is not a credential envelope.
    case notAnEnvelope(path: String, problem: String)
    /// An envelope format this version does not know.
    case unsupportedFormat(path: String, format: Int)
    /// The envelope inside names another connector than its file does.
    case connectorMismatch(path: String, found: String)
    /// The envelope inside names another profile than its file does.
    case profileMismatch(path: String, found: String)
    /// A file larger than any of its kind this tool writes.
    case tooLarge(path: String, limit: Int, kind: StoredFileKind)
    /// A folder or file of the store that another user could have put there or could change.
    case unsafe(path: String, problem: UnsafeStoreEntry)
    /// identity.txt is gone while credential files encrypted to it are still there.
    case identityMissing(path: String, credentialFiles: Int)
    /// `identity --new` where an identity already exists.
    case identityExists(path: String)
    /// The identity file is readable by the group or others.
    case identityExposed(path: String)
    /// The identity file cannot be parsed or its encryption is damaged.
    case corruptIdentity(path: String, problem: String)
    /// The identity file is passphrase-protected and the passphrase given (`LAKEFLOW_AUTH_PASSPHRASE`)
    /// does not open it.
    case wrongPassphrase(path: String)
    /// None of the passphrases a person typed opens the identity file.
    case passphrasesRefused(path: String, attempts: Int)
    /// The identity file is passphrase-protected and there is no passphrase to try.
    case passphraseRequired(path: String)
    /// A `recipients.txt` line that is not an `age1…` public key.
    case invalidRecipient(path: String, line: Int)
    /// Another process held the store's lock for longer than we wait.
    case locked(path: String, waited: Duration)
    /// The file system refused an operation.
    case fileSystem(path: String, operation: String, reason: String)

    public var message: String {
        switch self {
        case let .notFound(connector, _, nearest):
            let guess = nearest.isEmpty ? "" : "; did you mean " + nearest.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
            return "no stored credentials for \"\(TerminalText.excerpt(connector))\"" + guess
        case let .notForThisIdentity(path, _, publicKey):
            return "\(path): not encrypted to this machine's identity (\(publicKey)), or damaged"
        case let .damaged(path, _):
            return "\(path): the file was modified, truncated or corrupted after it was saved"
        case let .notAnEnvelope(path, problem):
            return "\(path): not a lakeflow-auth credential file: \(problem)"
        case let .unsupportedFormat(path, format):
            return "\(path): credential format \(format) is not supported by this version"
        case let .connectorMismatch(path, found):
            return "\(path): the file holds credentials for \"\(TerminalText.excerpt(found))\", not for the connector it is named after"
        case let .profileMismatch(path, found):
            return "\(path): the file holds the credentials of profile \"\(TerminalText.excerpt(found))\", not of the profile it is named after"
        case let .tooLarge(path, limit, kind):
            return "\(path): larger than \(limit) bytes, which no \(kind.name) is"
        case let .unsafe(path, problem):
            return "\(path): \(problem.text)"
        case let .identityMissing(path, count):
            return "\(path): the identity file is missing, but \(count) stored credential file\(count == 1 ? " was" : "s were") encrypted to it"
        case let .identityExists(path):
            return "\(path): an identity already exists"
        case let .identityExposed(path):
            return "\(path): the identity file is readable by other users"
        case let .corruptIdentity(path, problem):
            return "\(path): the identity file is corrupted: \(problem)"
        case let .wrongPassphrase(path):
            return "\(path): the passphrase does not open the identity file"
        case let .passphrasesRefused(path, attempts):
            return "\(path): none of the \(attempts) passphrases typed opens the identity file"
        case let .passphraseRequired(path):
            return "\(path): the identity file is protected by a passphrase"
        case let .invalidRecipient(path, line):
            return "\(path):\(line): not an age public key (age1…)"
        case let .locked(path, waited):
            let seconds = Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
            return "\(path): the store is locked by another lakeflow-auth process (waited \(CFormat.string("%g", seconds)) s)"
        case let .fileSystem(path, operation, reason):
            return "\(path): cannot \(operation): \(reason)"
        }
    }

    public var hints: [String] {
        switch self {
        case let .notFound(connector, _, nearest):
            // A near stored name is likelier meant than a new connector to set up.
            guard nearest.isEmpty else { return ["`lakeflow-auth list` shows what is stored"] }
            return ["run `\(ConnectorName.setupCommand(connector))` to set it up"]
        case let .notForThisIdentity(_, connector, publicKey):
            return ["ask whoever saved it to add \(publicKey) (see `lakeflow-auth identity`) to their recipients.txt "
                        + "and run `lakeflow-auth rekey`: adding the key re-encrypts nothing by itself",
                    "or run `\(ConnectorName.setupCommand(connector))` to enter the credentials on this machine"]
        case let .damaged(_, connector):
            return ["run `\(ConnectorName.setupCommand(connector))` to enter the credentials again"]
        case .notAnEnvelope, .connectorMismatch, .profileMismatch, .tooLarge(_, _, .credential):
            return ["remove it with `lakeflow-auth rm <connector>` and run the wizard again"]
        case let .tooLarge(path, _, .index):
            return ["remove it (`rm \(path)`): it is rebuilt from the credential files"]
        case .tooLarge(_, _, .identity):
            return ["restore identity.txt from a backup; files encrypted only to a lost identity cannot be opened again"]
        case .tooLarge(_, _, .recipients):
            return ["recipients.txt holds one age public key (age1…) a line"]
        case let .unsafe(path, problem):
            return [problem.fix(path)]
        case .identityMissing:
            return ["restore identity.txt from a backup",
                    "or run `lakeflow-auth identity --new` for a new identity; files encrypted only to the lost one cannot be opened again"]
        case .identityExists:
            return ["move it aside first to replace it; credentials encrypted only to it then cannot be opened"]
        case .unsupportedFormat:
            return ["upgrade lakeflow-auth, or run the wizard again to store the credentials in this version's format"]
        case let .identityExposed(path):
            return ["chmod 600 \(path)"]
        case .corruptIdentity:
            return ["restore identity.txt from a backup; files encrypted only to a lost identity cannot be opened again",
                    "or move it aside and run the wizard again to create a new identity"]
        case .wrongPassphrase:
            return ["check LAKEFLOW_AUTH_PASSPHRASE, or unset it to be asked on the terminal"]
        case .passphraseRequired:
            return ["set LAKEFLOW_AUTH_PASSPHRASE, or run on a terminal to be asked for it"]
        case .invalidRecipient:
            return ["each line of recipients.txt holds one age public key (age1…) or a # comment"]
        case .locked:
            return ["wait for the other lakeflow-auth to finish, then try again"]
        case .fileSystem, .passphrasesRefused, .tooLarge(_, _, .writeRecord):
            return []
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .identityExists: return .badInput
        default: return .storeFailure
        }
    }
}

extension StoreError {
    /// The failure of the system call that just set `errno`.
    static func fromErrno(_ path: String, _ operation: String) -> StoreError {
        .fileSystem(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}
