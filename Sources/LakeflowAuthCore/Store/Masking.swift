/// How a secret is shown when it must be shown at all: `••••`, and the last four characters only of a
/// long value (a 20-character token is still unguessable from its tail; a short password is not).
public enum Masking {
    public static let bullets = "••••"
    /// Values at least this long show their last `tailLength` characters.
    public static let longValueLength = 20
    public static let tailLength = 4

    public static func mask(_ secret: String) -> String {
        secret.count >= longValueLength ? bullets + secret.suffix(tailLength) : bullets
    }

    /// `https://user:pw@host/…` with the password masked: a URL option is shown, its password is not.
    public static func maskingURLPassword(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let authority = text[schemeEnd.upperBound...].prefix { !"/?#".contains($0) }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        let password = String(text[text.index(after: colon)..<at])
        return String(text[...colon]) + mask(password) + String(text[at...])
    }
}
