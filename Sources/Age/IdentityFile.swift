import FoundationEssentials

/// The age-keygen identity file: `#` comments, blank lines, and one secret key per line.
public enum IdentityFile {
    public static func parse(_ text: String) throws -> [X25519Identity] {
        var identities: [X25519Identity] = []
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = trimmingSpaces(rawLine)
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

    /// Without Unicode's space separators, tabs and zero-width spaces at either end, as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` left a line.
    private static func trimmingSpaces(_ line: Substring) -> String {
        let isSpace = { (scalar: Unicode.Scalar) in
            scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(Substring(scalars[first...last]))
    }

    public static func render(_ identity: X25519Identity, created: Date) -> String {
        """
        # created: \(created.formatted(.iso8601))
        # public key: \(identity.recipient.bech32)
        \(identity.bech32)

        """
    }
}
