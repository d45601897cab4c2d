import Foundation

/// The age-keygen identity file: `#` comments, blank lines, and one secret key per line.
public enum IdentityFile {
    public static func parse(_ text: String) throws -> [X25519Identity] {
        var identities: [X25519Identity] = []
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let identity = try? X25519Identity(bech32: line) else {
                throw AgeError.invalidIdentityFile("line \(number + 1) is not an AGE-SECRET-KEY-1... identity")
            }
            identities.append(identity)
        }
        guard !identities.isEmpty else {
            throw AgeError.invalidIdentityFile("no identities found")
        }
        return identities
    }

    public static func render(_ identity: X25519Identity, created: Date) -> String {
        """
        # created: \(created.formatted(.iso8601))
        # public key: \(identity.recipient.bech32)
        \(identity.bech32)

        """
    }
}
