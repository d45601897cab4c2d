/// How a secret is shown when it must be shown at all: `••••` and at most its last four characters,
/// fewer for short secrets so that the visible tail never gives away much of the whole.
public enum Masking {
    public static let bullets = "••••"

    public static func mask(_ secret: String) -> String {
        let length = secret.count
        let visible = length < 8 ? 0 : min(4, length / 4)
        return bullets + secret.suffix(visible)
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
